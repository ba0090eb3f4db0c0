import Papa from "papaparse";

/**
 * The lines of a paste or file, one address each. A CSV with a header naming an email column
 * contributes that column only; anything else is read line by line.
 */
export function linesOf(text: string): string[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (/e-?mail/i.test(firstLine) && /[,;\t]/.test(firstLine)) {
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    const column = parsed.meta.fields?.find((f) => /^e-?mail( address)?$/i.test(f.trim())) ?? parsed.meta.fields?.find((f) => /e-?mail/i.test(f));
    if (column) return parsed.data.map((row) => row[column] ?? "");
  }
  return text.split(/\r?\n/);
}

export function countAddresses(lines: string[]): number {
  let n = 0;
  for (const l of lines) if (l.trim()) n++;
  return n;
}

export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
