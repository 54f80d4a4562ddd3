import type { DatasetInput, XrefEntryInput } from '../../shared/models/datasets';
import type { SalesOverviewOptions } from '../core/demo/port';
import { BILLING_ONLY, CATALOG } from '../sandbox/data/products';

export const SALES_OVERVIEW_ID = 'sales-overview';

/** Products deliberately left out of the demo cross-reference, so the quality check has something to show. */
export const DEMO_UNMAPPED = { shopSku: 'BOTL-BLACK', billingProduct: 'prod_PBWARRANTY' };

/**
 * "Sales overview": the shop's orders (EUR, one row per line item, amount = price × quantity) and
 * billing's invoices (USD mostly, minor units, one row per invoice line) in EUR, Europe/Paris days,
 * with ECB rates. Mismatches are deliberate: legacy lower-case SKUs on old orders, a shop SKU and a
 * billing product left out of the cross-reference, and shop items without any SKU.
 */
export function salesOverviewDemo(opts: SalesOverviewOptions): { dataset: DatasetInput; xref: XrefEntryInput[] } {
  const dataset: DatasetInput = {
    id: opts.id ?? SALES_OVERVIEW_ID,
    name: 'Sales overview',
    description: 'Shop orders and billing invoices in one currency, one time zone and one product list.',
    reportingCurrency: 'EUR',
    timezone: 'Europe/Paris',
    granularity: 'day',
    columns: [
      { name: 'reference', type: 'string' },
      { name: 'ordered_at', type: 'datetime' },
      { name: 'status', type: 'string' },
      { name: 'product_id', type: 'string' },
      { name: 'product_title', type: 'string' },
      { name: 'quantity', type: 'number', format: 'decimal' },
      { name: 'unit_price', type: 'money' },
      { name: 'amount', type: 'money' },
      { name: 'currency', type: 'string', format: 'currency' },
    ],
    roles: {
      date: 'ordered_at',
      amount: 'amount',
      unitPrice: 'unit_price',
      currency: 'currency',
      quantity: 'quantity',
      product: 'product_id',
      reference: 'reference',
    },
    sources: [
      {
        id: 'shop',
        label: 'Shop orders',
        kind: 'order',
        connectionId: opts.shopConnectionId,
        resource: 'orders',
        explode: 'line_items',
        productSystem: 'shop',
        rules: [
          { id: 'ref', target: 'reference', sources: ['name'] },
          { id: 'at', target: 'ordered_at', sources: ['created_at'] },
          { id: 'status', target: 'status', sources: ['financial_status'] },
          { id: 'sku', target: 'product_id', sources: ['item.sku'] },
          { id: 'title', target: 'product_title', sources: ['item.name'] },
          { id: 'qty', target: 'quantity', sources: ['item.quantity'] },
          { id: 'price', target: 'unit_price', sources: ['item.price'] },
          { id: 'cur', target: 'currency', sources: ['currency'], transforms: [{ kind: 'case', to: 'upper' }] },
        ],
      },
      {
        id: 'billing',
        label: 'Billing invoices',
        kind: 'invoice',
        connectionId: opts.billingConnectionId,
        resource: 'invoices',
        explode: 'lines.data',
        productSystem: 'billing',
        rules: [
          { id: 'ref', target: 'reference', sources: ['number'] },
          {
            id: 'at',
            target: 'ordered_at',
            sources: ['created'],
            transforms: [{ kind: 'date', formats: ['unix'], output: 'datetime' }],
          },
          { id: 'status', target: 'status', sources: ['status'] },
          { id: 'product', target: 'product_id', sources: ['item.price.product'] },
          { id: 'title', target: 'product_title', sources: ['item.description'] },
          { id: 'qty', target: 'quantity', sources: ['item.quantity'] },
          // Stripe amounts are integers in minor units of the invoice's currency.
          {
            id: 'amount',
            target: 'amount',
            sources: ['item.amount', 'currency'],
            transforms: [{ kind: 'money', input: 'minor_units', output: 'object' }],
          },
          { id: 'cur', target: 'currency', sources: ['currency'], transforms: [{ kind: 'case', to: 'upper' }] },
        ],
      },
    ],
    rateSource: opts.ratesConnectionId
      ? { kind: 'connection', connectionId: opts.ratesConnectionId, resource: opts.ratesResource ?? 'history' }
      : {
          kind: 'fixed',
          base: 'EUR',
          rates: [
            { currency: 'USD', rate: '1.08' },
            { currency: 'GBP', rate: '0.855' },
          ],
        },
  };

  const xref: XrefEntryInput[] = [];
  for (const item of CATALOG) {
    const productId = item.sku;
    const productName = `${item.title} (${item.variant})`;
    if (item.sku !== DEMO_UNMAPPED.shopSku) xref.push({ system: 'shop', externalId: item.sku, productId, productName });
    if (item.billingProduct) xref.push({ system: 'billing', externalId: item.billingProduct, productId, productName });
  }
  for (const b of BILLING_ONLY) {
    if (b.billingProduct !== DEMO_UNMAPPED.billingProduct)
      xref.push({
        system: 'billing',
        externalId: b.billingProduct,
        productId: b.billingProduct.replace(/^prod_PB/, 'SVC-'),
        productName: b.title,
      });
  }
  return { dataset, xref };
}
