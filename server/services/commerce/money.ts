/** Plain-text amount for timeline summaries ("GBP 1,234.56"): the same in every locale and log. */
export function moneyText(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const major = (minor / 10 ** digits).toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${currency} ${major}`;
}

export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units as a plain decimal in major units, for CSV: 123456 GBP → "1234.56", 500 JPY → "500". */
export function majorDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}
