import type { UnitConversion } from '../../../../shared/models/datasets';
import { multiply } from './decimal';

/**
 * Quantities into base units ("a pack of 6" counts as 6). The most specific declared conversion
 * wins (one naming source, product and unit beats one naming only the unit); none → factor 1.
 */
export function quantityNormalizer(conversions: readonly UnitConversion[]) {
  const ranked = conversions
    .map((c, i) => ({ c, score: (c.sourceId ? 4 : 0) + (c.productId ? 2 : 0) + (c.unit ? 1 : 0), i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x) => x.c);
  return (quantity: string | null, unit: string | null, sourceId: string, productId: string | null): string | null => {
    if (quantity === null) return null;
    const u = unit?.trim().toLowerCase() ?? null;
    const hit = ranked.find(
      (c) =>
        (!c.sourceId || c.sourceId === sourceId) &&
        (!c.productId || c.productId === productId) &&
        (!c.unit || c.unit.trim().toLowerCase() === u),
    );
    return hit ? multiply(quantity, hit.factor) : quantity;
  };
}
