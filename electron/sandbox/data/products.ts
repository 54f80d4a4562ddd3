/**
 * One product catalogue the shop and billing sandboxes both sell from, with the identifiers each
 * system really uses: the shop by SKU, billing by its own `prod_…` id. A few items exist in only one
 * system and a few shop line items carry a legacy lower-case SKU — the deliberate mismatches a
 * product cross-reference must surface.
 */
export interface CatalogItem {
  code: string;
  title: string;
  variant: string;
  sku: string;
  /** Legacy SKU occasionally seen on old orders. */
  legacySku: string;
  /** Unit price in EUR cents (shop) */
  priceCents: number;
  /** Billing product id, null when billing does not sell it. */
  billingProduct: string | null;
  /** USD unit price in cents on invoices. */
  usdCents: number;
  shopOnly: boolean;
}

const BASE: Array<[string, string, string[], number]> = [
  ['TSH', 'Organic T-Shirt', ['Red / M', 'Red / L', 'Black / M', 'Black / L'], 1990],
  ['HOOD', 'Zip Hoodie', ['Grey / M', 'Grey / L', 'Navy / M'], 5490],
  ['MUG', 'Enamel Mug', ['White', 'Blue'], 1250],
  ['CAP', 'Canvas Cap', ['Sand', 'Olive'], 2200],
  ['BAG', 'Tote Bag', ['Natural'], 1500],
  ['SOCK', 'Merino Socks', ['39-42', '43-46'], 1490],
  ['NB', 'Dot-Grid Notebook', ['A5', 'A4'], 990],
  ['BOTL', 'Steel Bottle 750 ml', ['Silver', 'Black'], 2790],
];

export const CATALOG: CatalogItem[] = BASE.flatMap(([code, title, variants, price], pi) =>
  variants.map((variant, vi) => {
    const vcode = variant
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/-+$/, '')
      .toUpperCase();
    const sku = `${code}-${vcode}`;
    return {
      code,
      title,
      variant,
      sku,
      legacySku: ` ${sku.toLowerCase().replace(/-/g, '_')}`,
      priceCents: price + vi * 100,
      // Socks are shop-only: billing never invoices them.
      billingProduct: code === 'SOCK' ? null : `prod_PB${code}${String(pi * 10 + vi).padStart(3, '0')}`,
      usdCents: Math.round(((price + vi * 100) * 108) / 100),
      shopOnly: code === 'SOCK',
    };
  }),
);

/** Billing-only items (services): no SKU in the shop. */
export const BILLING_ONLY = [
  { billingProduct: 'prod_PBGIFTWRAP', title: 'Gift wrapping', usdCents: 450 },
  { billingProduct: 'prod_PBEXPRESS', title: 'Express shipping', usdCents: 1200 },
  { billingProduct: 'prod_PBWARRANTY', title: 'Extended warranty (2 years)', usdCents: 2900 },
];
