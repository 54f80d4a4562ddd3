import { type BaseOptions, type RefusalKind, SandboxServer } from '../common/http-server';
import { json, parseJsonBody, route, type Route, type SandboxReply } from '../common/router';
import { businessDayOnOrBefore, businessDaysDesc, fromDay, toDay } from './calendar';
import { ratesForDay } from './rates';

export interface RatesOptions extends BaseOptions {
  /** "Today" for the feeds (YYYY-MM-DD); defaults to the real UTC date. */
  asOf?: string;
  /** First day of eurofxref-hist.xml; the real feed starts 1999-01-04. */
  histStart?: string;
}

const XML = 'text/xml; charset=utf-8';

/**
 * Rates modelled on the ECB euro foreign exchange reference rates feeds (eurofxref-daily.xml,
 * eurofxref-hist-90d.xml, eurofxref-hist.xml): gesmes:Envelope, Cube time=, Cube currency= rate=.
 * Business days only (weekends and TARGET holidays have no Cube), public, no auth.
 */
export class RatesSandbox extends SandboxServer {
  readonly name = 'rates';
  readonly limiter = null;
  asOf: string | null;
  histStart: string;
  private cache = new Map<string, string>();
  protected override malformedTail = "<Cube currency='US";

  constructor(opts: RatesOptions) {
    super(opts);
    this.asOf = opts.asOf ?? null;
    this.histStart = opts.histStart ?? '1999-01-04';
  }

  get today(): string {
    return this.asOf ?? toDay(Date.now());
  }

  protected authenticate(): SandboxReply | null {
    return null;
  }

  protected refusal(kind: RefusalKind, message: string): SandboxReply {
    const status = {
      rate_limited: 429,
      server_error: 500,
      unavailable: 503,
      not_found: 404,
      method_not_allowed: 405,
      bad_request: 400,
    }[kind];
    return {
      status,
      raw: `<html><body><h1>${status}</h1><p>${message}</p></body></html>`,
      contentType: 'text/html; charset=utf-8',
    };
  }

  storeStats(): Record<string, unknown> {
    return {
      seed: this.seed,
      asOf: this.today,
      latestBusinessDay: businessDayOnOrBefore(this.today),
      histStart: this.histStart,
    };
  }

  resetStore(opts: { seed?: number }): void {
    if (opts.seed !== undefined) this.seed = opts.seed;
    this.cache.clear();
  }

  protected override controlRoutes(): Route[] {
    return [
      route('POST', '/__sandbox/asof', (r) => {
        const b = (parseJsonBody(r) ?? {}) as { date?: string | null };
        if (b.date && !/^\d{4}-\d{2}-\d{2}$/.test(b.date)) throw new Error('date must be YYYY-MM-DD');
        this.asOf = b.date ?? null;
        this.cache.clear();
        return json(200, this.storeStats());
      }),
    ];
  }

  protected apiRoutes(): Route[] {
    const feeds: Array<[string, () => string]> = [
      ['eurofxref-daily.xml', () => this.feed(businessDayOnOrBefore(this.today), businessDayOnOrBefore(this.today))],
      ['eurofxref-hist-90d.xml', () => this.feed(toDay(fromDay(this.today) - 90 * 86_400_000), this.today)],
      ['eurofxref-hist.xml', () => this.feed(this.histStart, this.today)],
    ];
    // Served both at the root and at the ECB's own path (/stats/eurofxref/…).
    return feeds.flatMap(([file, make]) =>
      ['', '/stats/eurofxref'].map((prefix) =>
        route('GET', `${prefix}/${file}`, () => ({
          status: 200,
          raw: this.cached(`${file}:${this.today}`, make),
          contentType: XML,
        })),
      ),
    );
  }

  private cached(key: string, make: () => string): string {
    let v = this.cache.get(key);
    if (v === undefined) {
      if (this.cache.size > 10) this.cache.clear();
      this.cache.set(key, (v = make()));
    }
    return v;
  }

  /** One gesmes envelope with a Cube per business day from `from` to `to`, newest first. */
  feed(from: string, to: string): string {
    const parts: string[] = [
      '<?xml version="1.0" encoding="UTF-8"?>\n<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">\n',
      '\t<gesmes:subject>Reference rates</gesmes:subject>\n\t<gesmes:Sender>\n\t\t<gesmes:name>European Central Bank</gesmes:name>\n\t</gesmes:Sender>\n\t<Cube>\n',
    ];
    for (const day of businessDaysDesc(from, to)) {
      parts.push(`\t\t<Cube time='${day}'>\n`);
      for (const [code, rate] of ratesForDay(this.seed, day))
        parts.push(`\t\t\t<Cube currency='${code}' rate='${rate}'/>\n`);
      parts.push('\t\t</Cube>\n');
    }
    parts.push('\t</Cube>\n</gesmes:Envelope>');
    return parts.join('');
  }
}
