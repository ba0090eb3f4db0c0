import Papa from "papaparse";

/** Saves rows as a CSV file in the browser; cells starting with = + - @ are escaped against formula injection. */
export function downloadCsv(filename: string, fields: string[], data: (string | number)[][]): void {
  downloadText(filename, Papa.unparse({ fields, data }, { escapeFormulae: true }));
}

export function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

export function majorUnits(minor: number, digits: number): string {
  return (minor / 10 ** digits).toFixed(digits);
}
