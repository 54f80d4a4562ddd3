import { intIn, pick, unit } from '../common/rng';
import { BILLING_ONLY, CATALOG } from '../data/products';
import { person } from '../data/people';
import { stampAt } from '../data/timeline';

/** Stripe-shaped objects. Amounts are integers in minor units; times are Unix seconds. */
export interface Address {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
}

export interface Customer {
  id: string;
  object: 'customer';
  address: Address | null;
  balance: number;
  created: number;
  currency: string | null;
  default_source: null;
  delinquent: boolean;
  description: string | null;
  discount: null;
  email: string | null;
  invoice_prefix: string;
  livemode: false;
  metadata: Record<string, string>;
  name: string | null;
  next_invoice_sequence: number;
  phone: string | null;
  preferred_locales: string[];
  shipping: null;
  tax_exempt: 'none' | 'exempt' | 'reverse';
  test_clock: null;
  deleted?: true;
}

export interface InvoiceLine {
  id: string;
  object: 'line_item';
  amount: number;
  currency: string;
  description: string;
  discountable: boolean;
  livemode: false;
  metadata: Record<string, string>;
  proration: boolean;
  type: 'invoiceitem' | 'subscription';
  quantity: number;
  price: {
    id: string;
    object: 'price';
    active: boolean;
    billing_scheme: 'per_unit';
    created: number;
    livemode: false;
    metadata: Record<string, string>;
    type: 'one_time';
    product: string;
    unit_amount: number;
    currency: string;
  };
  period: { start: number; end: number };
}

/**
 * Invoice fields Stripe's document marks required that the sandbox has no behaviour for: always
 * present, with the values an invoice without shipping, tax, credit notes or retries has.
 */
export const INVOICE_DEFAULTS = {
  amount_shipping: 0,
  attempt_count: 0,
  automatic_tax: { enabled: false, status: null },
  default_tax_rates: [] as string[],
  paid_out_of_band: false,
  payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
  post_payment_credit_notes_amount: 0,
  pre_payment_credit_notes_amount: 0,
  starting_balance: 0,
  total_tax_amounts: [] as unknown[],
};

/** A line item as Stripe's document requires it (price objects carry their own required fields). */
export function lineItem(
  id: string,
  opts: {
    amount: number;
    currency: string;
    description: string;
    quantity: number;
    product: string;
    unitAmount: number;
    created: number;
  },
): InvoiceLine {
  return {
    id,
    object: 'line_item',
    amount: opts.amount,
    currency: opts.currency,
    description: opts.description,
    discountable: true,
    livemode: false,
    metadata: {},
    proration: false,
    type: 'invoiceitem',
    quantity: opts.quantity,
    price: {
      id: `price_PB${opts.product.slice(7)}${opts.currency}`,
      object: 'price',
      active: true,
      billing_scheme: 'per_unit',
      created: opts.created,
      livemode: false,
      metadata: {},
      type: 'one_time',
      product: opts.product,
      unit_amount: opts.unitAmount,
      currency: opts.currency,
    },
    period: { start: opts.created, end: opts.created },
  };
}

type InvoiceDefaults = typeof INVOICE_DEFAULTS;

export interface Invoice extends InvoiceDefaults {
  id: string;
  object: 'invoice';
  attempted: boolean;
  account_country: string;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  auto_advance: boolean;
  collection_method: 'charge_automatically' | 'send_invoice';
  created: number;
  currency: string;
  customer: string;
  customer_email: string | null;
  description: string | null;
  due_date: number | null;
  lines: { object: 'list'; data: InvoiceLine[]; has_more: false; total_count: number; url: string };
  livemode: false;
  metadata: Record<string, string>;
  number: string | null;
  paid: boolean;
  period_end: number;
  period_start: number;
  status: 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';
  status_transitions: { finalized_at: number | null; paid_at: number | null; voided_at: number | null };
  subtotal: number;
  tax: number | null;
  total: number;
  deleted?: true;
}

/** `cus_PB` + base-36 index, padded: readable, reversible, and clearly not a real Stripe id. */
const encode = (prefix: string, i: number): string => `${prefix}_PB${i.toString(36).padStart(10, '0')}`;
export const customerId = (i: number): string => encode('cus', i);
export const invoiceId = (i: number): string => encode('in', i);

export function indexFromId(prefix: string, id: string): number {
  const m = new RegExp(`^${prefix}_PB([0-9a-z]{10})$`).exec(id);
  return m ? parseInt(m[1]!, 36) : -1;
}

const ISO2: Record<string, string> = { FR: 'FR', DE: 'DE', US: 'US', GB: 'GB', BE: 'BE' };

export function generateCustomer(seed: number, i: number): Customer {
  // One in ten billing customers is the same person as CRM contact #i (same seed space), so a
  // CRM → billing sync meets pre-existing matches, typed differently.
  const p = unit(seed, 'customer', i, 0) < 0.1 ? person(seed, 'contact', i) : person(seed, 'customer', i);
  const created = Math.floor(stampAt(i, unit(seed, 'customer', i, 20)) / 1000);
  const oneLine = p.addressOneLine;
  const address: Address | null =
    unit(seed, 'customer', i, 21) < 0.08
      ? null
      : {
          city: oneLine ? null : p.city,
          country: oneLine ? null : ISO2[p.country]!,
          line1: oneLine ?? p.line1,
          line2: null,
          postal_code: oneLine ? null : p.zip,
          state: oneLine ? null : p.state || null,
        };
  return {
    id: customerId(i),
    object: 'customer',
    address,
    balance: 0,
    created,
    currency: pick(['usd', 'usd', 'usd', 'eur', null], unit(seed, 'customer', i, 22)),
    default_source: null,
    delinquent: unit(seed, 'customer', i, 23) < 0.03,
    description: null,
    discount: null,
    email: p.email,
    invoice_prefix: `PB${i.toString(36).toUpperCase().padStart(6, '0')}`,
    livemode: false,
    metadata: {},
    name: `${p.firstname} ${p.lastname}`.trim(),
    next_invoice_sequence: 1,
    phone: p.phone || null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

const STATUSES: Invoice['status'][] = ['paid', 'paid', 'paid', 'paid', 'open', 'void', 'uncollectible', 'draft'];
const SELLABLE = [
  ...CATALOG.filter((c) => c.billingProduct).map((c) => ({
    product: c.billingProduct!,
    title: `${c.title} (${c.variant})`,
    usdCents: c.usdCents,
  })),
  ...BILLING_ONLY.map((b) => ({ product: b.billingProduct, title: b.title, usdCents: b.usdCents })),
];

export function generateInvoice(seed: number, i: number, customers: number): Invoice {
  const id = invoiceId(i);
  const created = Math.floor(stampAt(i, unit(seed, 'invoice', i, 20)) / 1000);
  const currency = pick(
    ['usd', 'usd', 'usd', 'usd', 'usd', 'usd', 'usd', 'usd', 'eur', 'gbp'],
    unit(seed, 'invoice', i, 1),
  );
  const nLines = intIn(1, 4, unit(seed, 'invoice', i, 2));
  const lines: InvoiceLine[] = [];
  for (let k = 0; k < nLines; k++) {
    const item = pick(SELLABLE, unit(seed, 'invoice', i, 10 + k));
    const quantity = intIn(1, 3, unit(seed, 'invoice', i, 20 + k));
    const unitAmount = currency === 'usd' ? item.usdCents : Math.round((item.usdCents * 92) / 100);
    lines.push(
      lineItem(`il_PB${i.toString(36)}x${k}`, {
        amount: unitAmount * quantity,
        currency,
        description: `${quantity} × ${item.title}`,
        quantity,
        product: item.product,
        unitAmount,
        created,
      }),
    );
  }
  const subtotal = lines.reduce((a, l) => a + l.amount, 0);
  const status = pick(STATUSES, unit(seed, 'invoice', i, 3));
  const total = subtotal;
  const paid = status === 'paid';
  const cust = customers > 0 ? Math.floor(unit(seed, 'invoice', i, 4) * customers) : 0;
  return {
    id,
    object: 'invoice',
    ...INVOICE_DEFAULTS,
    attempted: paid,
    account_country: 'US',
    amount_due: total,
    amount_paid: paid ? total : 0,
    amount_remaining: paid || status === 'void' ? 0 : total,
    auto_advance: status === 'draft',
    collection_method: unit(seed, 'invoice', i, 5) < 0.7 ? 'charge_automatically' : 'send_invoice',
    created,
    currency,
    customer: customerId(cust),
    customer_email: customers > 0 ? generateCustomer(seed, cust).email : null,
    description: null,
    due_date: unit(seed, 'invoice', i, 6) < 0.3 ? created + 30 * 86400 : null,
    lines: { object: 'list', data: lines, has_more: false, total_count: lines.length, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    number: status === 'draft' ? null : `PB-${String(i + 1).padStart(6, '0')}`,
    paid,
    period_end: created,
    period_start: created,
    status,
    status_transitions: {
      finalized_at: status === 'draft' ? null : created,
      paid_at: paid ? created + 3600 : null,
      voided_at: status === 'void' ? created + 86400 : null,
    },
    subtotal,
    tax: null,
    total,
  };
}
