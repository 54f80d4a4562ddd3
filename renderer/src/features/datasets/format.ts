/**
 * Display formatting for dataset figures. Amounts arrive as exact decimal strings; Intl formats
 * the string itself (no float round-trip), so the tile shows the same cents the CSV holds.
 */
export function formatMoney(value: string | null | undefined, currency: string): string {
  if (value === null || value === undefined) return '–';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value as Intl.StringNumericLiteral);
  } catch {
    return `${value} ${currency}`;
  }
}

export function formatNumber(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat().format(value as Intl.StringNumericLiteral);
}

/** Chart axes need numbers; the exact strings stay in tooltips and exports. */
export function toChartNumber(value: string | null | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

export function compactMoney(currency: string): (n: number) => string {
  const f = new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  return (n) => f.format(n);
}
