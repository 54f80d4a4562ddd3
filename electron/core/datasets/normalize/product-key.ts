/**
 * Product ids compared the forgiving way (surrounding spaces, letter case) and no further: a legacy
 * SKU like "tsh_red_m" must still show up as unmatched rather than being guessed into a product.
 */
export function productKey(externalId: unknown): string | null {
  if (externalId === null || externalId === undefined) return null;
  const s = String(externalId).trim().toUpperCase();
  return s === '' ? null : s;
}
