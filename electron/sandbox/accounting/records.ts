import Big from 'big.js';
import { formatJsonDate, parseJsonDate } from '../../../shared/mapping/json-date';
import { intIn, pick, unit } from '../common/rng';
import { person } from '../data/people';
import { stampAt } from '../data/timeline';

/**
 * Seeded Xero records, shaped as the Xero Accounting document describes them: PascalCase fields,
 * uuids for ids, every timestamp a Microsoft JSON date (`/Date(1573755038314+0000)/`), amounts as
 * JSON numbers with two decimals (computed with big.js, never binary floating point).
 */
export type XeroRecord = Record<string, unknown>;

/** A uuid that is the same for (seed, kind, index) on every run. */
export function seededUuid(seed: number, kind: string, i: number): string {
  const hex = [0, 1, 2, 3]
    .map((salt) =>
      Math.floor(unit(seed, `uuid:${kind}`, i, salt) * 0x100000000)
        .toString(16)
        .padStart(8, '0'),
    )
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const CURRENCY: Record<string, string> = { FR: 'EUR', DE: 'EUR', BE: 'EUR', US: 'USD', GB: 'GBP' };

export function seededContact(seed: number, i: number): XeroRecord {
  const p = person(seed, 'xero-contact', i);
  const first = p.firstname.trim();
  return {
    ContactID: seededUuid(seed, 'contact', i),
    ContactNumber: `C-${String(i + 1).padStart(5, '0')}`,
    ContactStatus: 'ACTIVE',
    // Xero contact names are unique among active contacts: the index keeps the seeded ones apart.
    Name: `${first} ${p.lastname} (${i + 1})`,
    FirstName: first,
    LastName: p.lastname,
    EmailAddress: p.email.toLowerCase(),
    Addresses: [
      { AddressType: 'STREET', AddressLine1: p.line1, City: p.city, PostalCode: p.zip, Country: p.country },
      { AddressType: 'POBOX' },
    ],
    Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: p.phone }],
    IsSupplier: false,
    IsCustomer: true,
    DefaultCurrency: CURRENCY[p.country],
    UpdatedDateUTC: formatJsonDate(stampAt(i, unit(seed, 'xero-contact-t', i))),
    ContactGroups: [],
    HasAttachments: false,
    HasValidationErrors: false,
  };
}

const ITEMS = [
  ['WIDGET', 'Widget', '12.50'],
  ['GADGET', 'Gadget', '40.00'],
  ['SUPPORT', 'Support hour', '85.00'],
  ['SETUP', 'Setup fee', '250.00'],
  ['LICENCE', 'Annual licence', '1200.00'],
] as const;

export function seededItem(seed: number, i: number): XeroRecord {
  const [code, name, price] = ITEMS[i % ITEMS.length]!;
  const suffix = i < ITEMS.length ? '' : `-${Math.floor(i / ITEMS.length)}`;
  return {
    ItemID: seededUuid(seed, 'item', i),
    Code: `${code}${suffix}`,
    Name: `${name}${suffix}`,
    Description: name,
    IsSold: true,
    IsPurchased: false,
    IsTrackedAsInventory: false,
    SalesDetails: { UnitPrice: Number(price), AccountCode: '200', TaxType: 'OUTPUT' },
    UpdatedDateUTC: formatJsonDate(stampAt(i, unit(seed, 'xero-item-t', i))),
  };
}

/** Line amounts and totals of an invoice at a 20% tax rate on exclusive lines, to two decimals. */
export function priceLines(lines: XeroRecord[]): { LineItems: XeroRecord[]; totals: Record<string, number> } {
  let sub = new Big(0);
  let tax = new Big(0);
  const LineItems = lines.map((l) => {
    const qty = new Big(String(l.Quantity ?? 1));
    const unitAmount = new Big(String(l.UnitAmount ?? 0));
    const amount = qty.times(unitAmount).round(2);
    const lineTax = amount.times('0.2').round(2);
    sub = sub.plus(amount);
    tax = tax.plus(lineTax);
    return {
      ...l,
      Quantity: qty.toNumber(),
      UnitAmount: unitAmount.toNumber(),
      TaxAmount: lineTax.toNumber(),
      LineAmount: amount.toNumber(),
      AccountCode: l.AccountCode ?? '200',
      TaxType: l.TaxType ?? 'OUTPUT',
    };
  });
  const total = sub.plus(tax);
  return { LineItems, totals: { SubTotal: sub.toNumber(), TotalTax: tax.toNumber(), Total: total.toNumber() } };
}

export function seededInvoice(seed: number, i: number, contact: XeroRecord): XeroRecord {
  const [code, name, price] = pick(ITEMS, unit(seed, 'xero-invoice-item', i));
  const qty = intIn(1, 5, unit(seed, 'xero-invoice-qty', i));
  const { LineItems, totals } = priceLines([
    { LineItemID: seededUuid(seed, 'line', i), ItemCode: code, Description: name, Quantity: qty, UnitAmount: price },
  ]);
  const stamp = stampAt(i, unit(seed, 'xero-invoice-t', i));
  const day = Math.floor(stamp / 86_400_000) * 86_400_000;
  const paid = unit(seed, 'xero-invoice-paid', i) < 0.4;
  return {
    Type: 'ACCREC',
    InvoiceID: seededUuid(seed, 'invoice', i),
    InvoiceNumber: `INV-${String(i + 1).padStart(5, '0')}`,
    Reference: `PO ${1000 + i}`,
    Contact: { ContactID: contact.ContactID, Name: contact.Name },
    Status: paid ? 'PAID' : 'AUTHORISED',
    LineAmountTypes: 'Exclusive',
    Date: formatJsonDate(day),
    DueDate: formatJsonDate(day + 30 * 86_400_000),
    CurrencyCode: contact.DefaultCurrency ?? 'EUR',
    LineItems,
    ...totals,
    AmountDue: paid ? 0 : totals.Total,
    AmountPaid: paid ? totals.Total : 0,
    UpdatedDateUTC: formatJsonDate(stamp),
    HasAttachments: false,
  };
}

/** The payment that settled a seeded paid invoice, into the organisation's bank account. */
export function seededPayment(seed: number, i: number, invoice: XeroRecord, account: XeroRecord): XeroRecord {
  const paidAt = (parseJsonDate(String(invoice.UpdatedDateUTC)) ?? 0) + 3_600_000;
  return {
    PaymentID: seededUuid(seed, 'payment', i),
    Date: formatJsonDate(Math.floor(paidAt / 86_400_000) * 86_400_000),
    Amount: invoice.Total,
    Reference: `Transfer ${String(invoice.InvoiceNumber)}`,
    Status: 'AUTHORISED',
    PaymentType: 'ACCRECPAYMENT',
    Invoice: { InvoiceID: invoice.InvoiceID, InvoiceNumber: invoice.InvoiceNumber, Contact: invoice.Contact },
    Account: account,
    UpdatedDateUTC: formatJsonDate(paidAt),
  };
}
