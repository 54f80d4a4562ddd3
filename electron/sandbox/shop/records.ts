import { intIn, pick, unit } from '../common/rng';
import { CATALOG } from '../data/products';
import { person } from '../data/people';
import { isoWithOffset, stampAt } from '../data/timeline';

/** Shopify Admin REST shapes: money as decimal strings, currency EUR, dates ISO 8601 with offset. */
export type Json = Record<string, unknown>;

export const ORDER_ID_BASE = 5_100_000_000_000;
export const PRODUCT_ID_BASE = 8_000_000_000_000;
export const VARIANT_ID_BASE = 44_000_000_000_000;
export const CUSTOMER_ID_BASE = 7_000_000_000_000;
/** Generated orders may be updated up to 3 days after creation (matters for updated_at_min). */
export const ORDER_UPDATE_SPREAD_MS = 3 * 86_400_000;

export const money = (cents: number): string =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** Europe/Paris offset in minutes (EU summer time: last Sunday of March → last Sunday of October, 01:00 UTC). */
export function parisOffset(ms: number): number {
  const y = new Date(ms).getUTCFullYear();
  const lastSunday = (m: number): number => {
    const d = new Date(Date.UTC(y, m + 1, 0, 1));
    return d.getTime() - d.getUTCDay() * 86_400_000;
  };
  return ms >= lastSunday(2) && ms < lastSunday(9) ? 120 : 60;
}
export const shopTime = (ms: number): string => isoWithOffset(ms, parisOffset(ms));

interface ProductSeed {
  title: string;
  code: string;
  variants: Array<{ title: string; sku: string; cents: number }>;
}

/** Product #p: the catalogue first, then generated limited editions when more are requested. */
export function productSeed(p: number): ProductSeed {
  const codes = [...new Set(CATALOG.map((c) => c.code))];
  if (p < codes.length) {
    const items = CATALOG.filter((c) => c.code === codes[p]);
    return {
      title: items[0]!.title,
      code: codes[p]!,
      variants: items.map((c) => ({ title: c.variant, sku: c.sku, cents: c.priceCents })),
    };
  }
  return {
    title: `Limited Edition Print #${p}`,
    code: `LTD${p}`,
    variants: [{ title: 'Default Title', sku: `LTD-${p}`, cents: 2500 + (p % 10) * 100 }],
  };
}

export function generateProduct(seed: number, p: number): Json {
  const s = productSeed(p);
  const id = PRODUCT_ID_BASE + p;
  const created = stampAt(p, unit(seed, 'product', p, 1));
  const updated = created + Math.floor(unit(seed, 'product', p, 2) * 30) * 86_400_000;
  return {
    id,
    title: s.title,
    body_html: `<p>${s.title}</p>`,
    vendor: 'Patchbay Demo Store',
    product_type: s.code === 'MUG' || s.code === 'BOTL' ? 'Homeware' : 'Apparel',
    handle: s.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, ''),
    status: 'active',
    created_at: shopTime(created),
    updated_at: shopTime(updated),
    published_at: shopTime(created),
    tags: '',
    admin_graphql_api_id: `gid://shopify/Product/${id}`,
    variants: s.variants.map((v, k) => ({
      id: VARIANT_ID_BASE + p * 100 + k,
      product_id: id,
      title: v.title,
      price: money(v.cents),
      sku: v.sku,
      position: k + 1,
      inventory_quantity: intIn(0, 500, unit(seed, 'product', p, 10 + k)),
      grams: 250,
      barcode: null,
      taxable: true,
      requires_shipping: true,
    })),
    options: [
      { name: s.variants.length > 1 ? 'Variant' : 'Title', position: 1, values: s.variants.map((v) => v.title) },
    ],
    images: [],
  };
}

function address(p: ReturnType<typeof person>): Json {
  const code = p.country;
  return {
    first_name: p.firstname.trim(),
    last_name: p.lastname,
    name: `${p.firstname.trim()} ${p.lastname}`,
    address1: p.addressOneLine ?? p.line1,
    address2: null,
    city: p.city || null,
    zip: p.zip || null,
    province: p.state || null,
    country: { FR: 'France', DE: 'Germany', US: 'United States', GB: 'United Kingdom', BE: 'Belgium' }[code],
    country_code: code,
    phone: p.phone || null,
  };
}

export function generateOrder(seed: number, i: number, products: number): Json {
  const id = ORDER_ID_BASE + i;
  const created = stampAt(i, unit(seed, 'order', i, 1));
  const updated = created + Math.floor(unit(seed, 'order', i, 2) * ORDER_UPDATE_SPREAD_MS);
  const buyer = person(seed, 'shopper', i);
  const n = intIn(1, 4, unit(seed, 'order', i, 3));
  const lineItems: Json[] = [];
  let subtotal = 0;
  for (let k = 0; k < n; k++) {
    const p = Math.floor(unit(seed, 'order', i, 10 + k) * Math.max(1, products));
    const ps = productSeed(p);
    const vi = Math.floor(unit(seed, 'order', i, 20 + k) * ps.variants.length);
    const v = ps.variants[vi]!;
    const qty = intIn(1, 3, unit(seed, 'order', i, 30 + k));
    const u = unit(seed, 'order', i, 40 + k);
    const cat = CATALOG.find((c) => c.sku === v.sku);
    // Messy: a few old orders carry a legacy SKU, and a few custom items have none.
    const sku = u < 0.02 && cat ? cat.legacySku : u > 0.99 ? null : v.sku;
    subtotal += v.cents * qty;
    lineItems.push({
      id: id * 10 + k,
      admin_graphql_api_id: `gid://shopify/LineItem/${id * 10 + k}`,
      product_id: PRODUCT_ID_BASE + p,
      variant_id: VARIANT_ID_BASE + p * 100 + vi,
      sku,
      title: ps.title,
      variant_title: v.title === 'Default Title' ? null : v.title,
      name: v.title === 'Default Title' ? ps.title : `${ps.title} - ${v.title}`,
      quantity: qty,
      price: money(v.cents),
      total_discount: '0.00',
      grams: 250,
      requires_shipping: true,
      taxable: true,
      vendor: 'Patchbay Demo Store',
      fulfillment_status: null,
    });
  }
  const shipping = subtotal >= 5000 ? 0 : 490;
  const total = subtotal + shipping;
  const tax = Math.round((total * 20) / 120); // prices include 20 % VAT
  const r = unit(seed, 'order', i, 4);
  const cancelled = r < 0.05;
  const closed = !cancelled && r < 0.15;
  const fin = cancelled
    ? 'refunded'
    : pick(['paid', 'paid', 'paid', 'paid', 'pending', 'partially_refunded'], unit(seed, 'order', i, 5));
  const addr = address(buyer);
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${1001 + i}`,
    order_number: 1001 + i,
    email: buyer.email,
    phone: buyer.phone || null,
    contact_email: buyer.email,
    created_at: shopTime(created),
    updated_at: shopTime(updated),
    processed_at: shopTime(created),
    closed_at: closed ? shopTime(updated) : null,
    cancelled_at: cancelled ? shopTime(updated) : null,
    cancel_reason: cancelled ? 'customer' : null,
    currency: 'EUR',
    presentment_currency: 'EUR',
    financial_status: fin,
    fulfillment_status: closed ? 'fulfilled' : null,
    confirmed: true,
    test: false,
    source_name: 'web',
    tags: unit(seed, 'order', i, 6) < 0.1 ? 'wholesale' : '',
    note: null,
    subtotal_price: money(subtotal),
    total_line_items_price: money(subtotal),
    total_shipping_price_set: { shop_money: { amount: money(shipping), currency_code: 'EUR' } },
    total_discounts: '0.00',
    total_tax: money(tax),
    taxes_included: true,
    total_price: money(total),
    customer: {
      id: CUSTOMER_ID_BASE + i,
      email: buyer.email,
      first_name: buyer.firstname.trim(),
      last_name: buyer.lastname,
      phone: buyer.phone || null,
    },
    billing_address: addr,
    shipping_address: addr,
    line_items: lineItems,
  };
}

export function orderStatusMatches(o: Json, status: string): boolean {
  if (status === 'any') return true;
  if (status === 'cancelled') return o.cancelled_at !== null;
  if (status === 'closed') return o.closed_at !== null;
  return o.closed_at === null && o.cancelled_at === null; // open
}
