import Big from 'big.js';
import type { Sandbox } from '../../../electron/sandbox';

/**
 * An independent, deliberately simple reading of the sandbox's raw data for the done-when test:
 * plain fetch (no connector runtime), a regex over the ECB XML, integer cents, and its own
 * previous-business-day lookup. It shares no code with electron/core/datasets.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function rawShopOrders(sb: Sandbox): Promise<Json[]> {
  const out: Json[] = [];
  let url: string | null = `${sb.endpoints.shopApi}/orders.json?limit=250&status=any`;
  while (url) {
    const res: Response = await fetch(url, { headers: { 'X-Shopify-Access-Token': sb.credentials.shop.accessToken } });
    out.push(...((await res.json()) as { orders: Json[] }).orders);
    url = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
  }
  return out;
}

export async function rawInvoices(sb: Sandbox): Promise<Json[]> {
  const out: Json[] = [];
  let after = '';
  for (;;) {
    const res = await fetch(`${sb.urls.billing}/v1/invoices?limit=100${after ? `&starting_after=${after}` : ''}`, {
      headers: { authorization: `Bearer ${sb.credentials.billing.secretKey}` },
    });
    const page = (await res.json()) as { data: Json[]; has_more: boolean };
    out.push(...page.data);
    if (!page.has_more || page.data.length === 0) return out;
    after = page.data[page.data.length - 1]!.id;
  }
}

/** date → currency → rate, straight from eurofxref-hist.xml. */
export async function rawRates(sb: Sandbox): Promise<Map<string, Map<string, string>>> {
  const xml = await (await fetch(sb.endpoints.ratesHist)).text();
  const byDay = new Map<string, Map<string, string>>();
  for (const day of xml.split(/<Cube\s+time=/).slice(1)) {
    const date = /^["'](\d{4}-\d{2}-\d{2})["']/.exec(day)![1]!;
    const rates = new Map<string, string>();
    for (const m of day.matchAll(/currency=["']([A-Z]{3})["']\s+rate=["']([0-9.]+)["']/g)) rates.set(m[1]!, m[2]!);
    byDay.set(date, rates);
  }
  return byDay;
}

const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
export const parisDate = (ms: number): string => parisDay.format(new Date(ms));

export function previousRate(
  rates: Map<string, Map<string, string>>,
  currency: string,
  date: string,
  maxBack: number,
): { rate: string; date: string } | null {
  for (let k = 0; k <= maxBack; k++) {
    const d = new Date(Date.parse(`${date}T00:00:00Z`) - k * 86_400_000).toISOString().slice(0, 10);
    const r = rates.get(d)?.get(currency);
    if (r) return { rate: r, date: d };
  }
  return null;
}

export const cents = (decimal2: string): bigint => {
  const [i, f = ''] = decimal2.split('.');
  return BigInt(i!) * 100n + BigInt((f + '00').slice(0, 2)) * (i!.startsWith('-') ? -1n : 1n);
};

export function toEurCents(minor: number, rate: string): bigint {
  return BigInt(new Big(minor).div(100).div(rate).round(2, Big.roundHalfUp).times(100).toFixed(0));
}

export function fmt(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}
