/** How many minor units a currency's major unit has (GBP 2, JPY 0). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Formats integer minor units in the site currency: 123456 GBP → "£1,234.56". */
export function formatMoney(minor: number, currency: string): string {
  let fmt = moneyFormats.get(currency);
  if (!fmt) {
    fmt = new Intl.NumberFormat("en-GB", { style: "currency", currency });
    moneyFormats.set(currency, fmt);
  }
  return fmt.format(minor / 10 ** minorDigits(currency));
}

export function currencySymbol(currency: string): string {
  try {
    const part = new Intl.NumberFormat("en-GB", { style: "currency", currency })
      .formatToParts(0)
      .find((p) => p.type === "currency");
    return part?.value ?? currency;
  } catch {
    return currency;
  }
}

const dateFmt = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const dateTimeFmt = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

export function formatDate(d: Date | null | undefined): string {
  return d ? dateFmt.format(d) : "—";
}

export function formatDateTime(d: Date | null | undefined): string {
  return d ? dateTimeFmt.format(d) : "—";
}

export function fullName(u: { firstName: string; lastName: string }): string {
  return `${u.firstName} ${u.lastName}`.trim();
}

/** A display name that never renders blank (imported subscribers often have no name). */
export function displayName(u: { firstName: string; lastName: string; email: string }): string {
  return fullName(u) || u.email;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const numberFmt = new Intl.NumberFormat("en-GB");

/** A users.count result: filtered counts stop at a cap and read "10,000+". */
export function formatCount(c: { count: number; capped?: boolean }): string {
  return `${numberFmt.format(c.count)}${c.capped ? "+" : ""}`;
}
