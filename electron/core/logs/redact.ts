import type { CallEventInput } from '../../../shared/models/call-event';
import { isSecretHeader, isSecretName } from '../../../shared/secret-names';
import { KEY_LENGTH, LiteralMatcher } from './literal-matcher';

/**
 * Redaction before storage. Whoever builds a call event or an app event (the connector runtime,
 * the webhook listener, the log store as a safety net) passes it through a Redactor, so no secret
 * or PII-flagged value ever reaches SQLite, the WAL or an export.
 *
 * Layers, applied in this order so later layers can use what earlier ones learned:
 * 1. structure: PII-flagged and secret-looking fields in JSON / form / XML bodies,
 * 2. headers by name (auth, cookies, anything that looks secret),
 * 3. URL: userinfo, token-like and PII query/fragment params,
 * 4. exact matches of known secret values (raw, URL-encoded, JSON-escaped, base64 at any alignment)
 *    and of PII values seen in step 1, anywhere in any string.
 */

export const REDACTED = '[REDACTED]';
export const PII = '[PII]';

// The literal matcher finds values by their first KEY_LENGTH characters, so shorter ones are not masked.
const MIN_SECRET_LENGTH = KEY_LENGTH;
const MIN_B64_CORE = 6;
// Learned PII values are kept per redactor (one per run/connection); cap them so a long run cannot grow memory.
const MAX_LEARNED = 10_000;

export interface RedactorOptions {
  /** Exact secret values (tokens, passwords, API keys, signing secrets) to mask wherever they appear. */
  secrets?: Iterable<string>;
  /** PII field names or dotted paths (e.g. `email`, `properties.phone`) from the connector's field schema. */
  piiFields?: Iterable<string>;
  /** Known PII values to mask anywhere (optional; values seen in PII fields are learned automatically). */
  piiValues?: Iterable<string>;
  /** Bodies longer than this are cut after redaction (bytes of UTF-16 text; default 64 KiB). */
  maxBodyChars?: number;
}

/**
 * The parts of base64(prefix + secret + suffix) that depend only on the secret, for each of the
 * three alignments. Masking these catches a secret inside Basic auth (`user:secret`) or any other
 * base64 blob, not just base64(secret) on its own.
 */
export function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let k = 0; k < 3; k++) {
    const b64 = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    const firstGroup = k === 0 ? 0 : 1;
    const lastGroup = Math.floor((k + bytes.length - 3) / 3); // last 4-char group made only of secret bytes
    if (lastGroup < firstGroup) continue;
    const core = b64.slice(firstGroup * 4, (lastGroup + 1) * 4);
    if (core.length >= MIN_B64_CORE) {
      cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return cores;
}

/** Every spelling of a value that may appear in a URL, header, body or message. */
export function valueVariants(value: string): string[] {
  const out = new Set<string>([value]);
  out.add(encodeURIComponent(value));
  out.add(encodeURIComponent(value).replace(/%20/g, '+'));
  out.add(encodeURIComponent(encodeURIComponent(value)));
  out.add(JSON.stringify(value).slice(1, -1));
  out.add(Buffer.from(value, 'utf8').toString('base64'));
  out.add(Buffer.from(value, 'utf8').toString('base64url'));
  for (const core of base64Cores(value)) out.add(core);
  return [...out].filter((v) => v.length >= MIN_SECRET_LENGTH);
}

type Mask = typeof REDACTED | typeof PII;

export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly piiValues = new Set<string>();
  private readonly piiNames = new Set<string>();
  private readonly piiPaths = new Set<string>();
  private readonly maxBodyChars: number;
  private matcher: LiteralMatcher<Mask> | null = null;

  constructor(options: RedactorOptions = {}) {
    this.maxBodyChars = options.maxBodyChars ?? 64 * 1024;
    this.addSecrets(options.secrets ?? []);
    this.addPiiFields(options.piiFields ?? []);
    for (const v of options.piiValues ?? []) this.learnPii(v);
  }

  /** Register secret values (e.g. an AuthApplier's secretValues(), a freshly refreshed token). */
  addSecrets(values: Iterable<string>): this {
    for (const v of values) {
      if (typeof v === 'string' && v.length >= MIN_SECRET_LENGTH && !this.secrets.has(v)) {
        this.secrets.add(v);
        this.matcher = null;
      }
    }
    return this;
  }

  addPiiFields(fields: Iterable<string>): this {
    for (const f of fields) {
      const lower = f.toLowerCase();
      if (lower.includes('.')) this.piiPaths.add(lower.replace(/\[\d*\]/g, ''));
      else this.piiNames.add(lower);
    }
    return this;
  }

  /** A copy sharing the secrets but with extra PII fields (one per resource schema). */
  withPiiFields(fields: Iterable<string>): Redactor {
    const copy = new Redactor({ secrets: this.secrets, piiValues: this.piiValues, maxBodyChars: this.maxBodyChars });
    copy.addPiiFields([...this.piiNames, ...this.piiPaths]);
    return copy.addPiiFields(fields);
  }

  private learnPii(value: unknown): void {
    if (typeof value === 'number') value = String(value);
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || this.piiValues.has(value)) return;
    if (this.piiValues.size >= MAX_LEARNED) return;
    this.piiValues.add(value);
    this.matcher = null;
  }

  private isPii(key: string, path: string): boolean {
    const k = key.toLowerCase();
    if (this.piiNames.has(k)) return true;
    if (this.piiPaths.size === 0) return false;
    const p = path.toLowerCase();
    for (const pp of this.piiPaths) if (p === pp || p.endsWith(`.${pp}`)) return true;
    return false;
  }

  /** Mask a key's value if its name says secret or PII; undefined when the key is harmless. */
  private maskForKey(key: string, path: string): Mask | undefined {
    if (this.isPii(key, path)) return PII;
    return isSecretName(key, 'field') ? REDACTED : undefined;
  }

  // ---- exact values -------------------------------------------------------------------------

  private getMatcher(): LiteralMatcher<Mask> | null {
    if (this.matcher) return this.matcher;
    const masks = new Map<string, Mask>();
    for (const s of this.piiValues) for (const v of valueVariants(s)) masks.set(v, PII);
    // Secrets win over PII when both spell the same text.
    for (const s of this.secrets) for (const v of valueVariants(s)) masks.set(v, REDACTED);
    if (masks.size === 0) return null;
    this.matcher = new LiteralMatcher(masks);
    return this.matcher;
  }

  /** Mask known secret and PII values anywhere in free text (messages, URLs, bodies). */
  text(value: string): string {
    const m = this.getMatcher();
    if (!m || value.length < MIN_SECRET_LENGTH) return value;
    return m.replace(value, (mask) => mask);
  }

  // ---- headers ------------------------------------------------------------------------------

  headers(headers: Record<string, string> | undefined): Record<string, string> | undefined {
    if (!headers) return headers;
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      const v = Array.isArray(value) ? value.join(', ') : String(value);
      out[name] = isSecretHeader(name) ? REDACTED : this.text(v);
    }
    return out;
  }

  // ---- URL ----------------------------------------------------------------------------------

  private params(query: string, pathPrefix: string): string {
    return query
      .split(/([&;])/)
      .map((part) => {
        if (part === '&' || part === ';' || part === '') return part;
        const eq = part.indexOf('=');
        if (eq < 0) return part;
        let name = part.slice(0, eq);
        try {
          name = decodeURIComponent(name.replace(/\+/g, ' '));
        } catch {
          /* keep the raw name */
        }
        const bare = name.replace(/\[.*$/, '');
        const pii = this.isPii(bare, pathPrefix + bare);
        if (pii) {
          this.learnPii(safeDecode(part.slice(eq + 1)));
          return `${part.slice(0, eq)}=${PII}`;
        }
        if (isSecretName(bare, 'param')) {
          return `${part.slice(0, eq)}=${REDACTED}`;
        }
        return part;
      })
      .join('');
  }

  /** Redact userinfo, secret and PII query/fragment params, then known values; keeps the URL readable. */
  url(url: string): string {
    let out = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i, (_m, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      return colon < 0 ? `${scheme}${REDACTED}@` : `${scheme}${userinfo.slice(0, colon)}:${REDACTED}@`;
    });
    const hashAt = out.indexOf('#');
    const fragment = hashAt >= 0 ? out.slice(hashAt + 1) : undefined;
    const beforeHash = hashAt >= 0 ? out.slice(0, hashAt) : out;
    const q = beforeHash.indexOf('?');
    out = q >= 0 ? `${beforeHash.slice(0, q + 1)}${this.params(beforeHash.slice(q + 1), '')}` : beforeHash;
    if (fragment !== undefined) out += `#${fragment.includes('=') ? this.params(fragment, '') : fragment}`;
    return this.text(out);
  }

  // ---- bodies -------------------------------------------------------------------------------

  /** Deep-redact a parsed JSON value (also used for app-event details and settings). */
  value(value: unknown, path = ''): unknown {
    return this.byKeys(value, path, (s) => this.text(s));
  }

  /**
   * Masks values whose key says secret or PII (learning the PII values), and passes the other
   * strings through `leaf`. A body is masked by key first and by known values once at the end: a
   * value learned halfway through must not rebuild the matcher for every string after it.
   */
  private byKeys(value: unknown, path: string, leaf: (s: string) => string): unknown {
    if (typeof value === 'string') return leaf(value);
    if (Array.isArray(value)) return value.map((v) => this.byKeys(v, path, leaf));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const p = path ? `${path}.${k}` : k;
        const mask = this.maskForKey(k, p);
        if (mask && v !== null && v !== undefined && typeof v !== 'boolean') {
          if (mask === PII) this.collectPii(v);
          out[k] = mask;
        } else {
          out[k] = this.byKeys(v, p, leaf);
        }
      }
      return out;
    }
    return value;
  }

  private collectPii(v: unknown): void {
    if (typeof v === 'string' || typeof v === 'number') this.learnPii(v);
    else if (Array.isArray(v)) v.forEach((x) => this.collectPii(x));
    else if (v && typeof v === 'object') Object.values(v).forEach((x) => this.collectPii(x));
  }

  /** Redact a request/response body by its content type, then cut it to the configured size. */
  body(text: string | undefined, contentType = ''): string | undefined {
    if (text === undefined) return undefined;
    const ct = contentType.toLowerCase();
    const trimmed = text.trimStart();
    let out: string | undefined;
    if (ct.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        out = JSON.stringify(this.byKeys(JSON.parse(text), '', (s) => s));
      } catch {
        out = this.jsonLike(text);
      }
    } else if (
      ct.includes('x-www-form-urlencoded') ||
      (/^[^\s<{[]+=[^\s]*(&|$)/.test(trimmed) && !ct.includes('xml'))
    ) {
      out = this.params(text, '');
    } else if (ct.includes('xml') || trimmed.startsWith('<')) {
      out = this.xml(text);
    }
    out = this.text(out ?? this.jsonLike(text));
    return out.length > this.maxBodyChars
      ? `${out.slice(0, this.maxBodyChars)}…[truncated ${out.length - this.maxBodyChars} chars]`
      : out;
  }

  /** Fallback for JSON that does not parse (already truncated upstream): mask "key": value pairs by name. */
  private jsonLike(text: string): string {
    return text.replace(
      /"([^"\\]{1,100})"\s*:\s*("(?:[^"\\]|\\.)*"?|-?\d[\d.eE+-]*)/g,
      (whole, key: string, raw: string) => {
        const mask = this.maskForKey(key, key);
        if (!mask) return whole;
        if (mask === PII) this.learnPii(raw.startsWith('"') ? raw.replace(/^"|"$/g, '') : raw);
        return `"${key}":"${mask}"`;
      },
    );
  }

  /** SOAP/XML: mask the text of elements whose local name is secret or PII. */
  private xml(text: string): string {
    return text.replace(
      /<((?:[\w-]+:)?([\w-]+))(\s[^>]*)?>([^<]*)<\/\1>/g,
      (whole, tag: string, local: string, attrs = '', inner: string) => {
        const mask = this.maskForKey(local, local);
        if (!mask || inner === '') return whole;
        if (mask === PII) this.learnPii(inner);
        return `<${tag}${attrs}>${mask}</${tag}>`;
      },
    );
  }

  // ---- whole events -------------------------------------------------------------------------

  /** Redact every free-text field of a call event. Bodies first: PII values they reveal mask the URL too. */
  callEvent<T extends CallEventInput>(event: T): T {
    const ctOf = (h?: Record<string, string>) =>
      Object.entries(h ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
    const requestBody = this.body(event.requestBody, ctOf(event.requestHeaders));
    const responseBody = this.body(event.responseBody, ctOf(event.responseHeaders));
    const out: T = {
      ...event,
      url: this.url(event.url),
      host: this.text(event.host),
      requestHeaders: this.headers(event.requestHeaders),
      responseHeaders: this.headers(event.responseHeaders),
      requestBody: requestBody === undefined ? undefined : this.text(requestBody),
      responseBody: responseBody === undefined ? undefined : this.text(responseBody),
      errorMessage: event.errorMessage === undefined ? undefined : this.text(event.errorMessage),
      rateLimit: event.rateLimit ? this.headers(event.rateLimit) : undefined,
    };
    for (const k of [
      'requestHeaders',
      'responseHeaders',
      'requestBody',
      'responseBody',
      'errorMessage',
      'rateLimit',
    ] as const) {
      if (out[k] === undefined) delete out[k];
    }
    return out;
  }

  /** App events: message as text, details deep-redacted by key and value. */
  appEvent<T extends { message: string; details?: Record<string, unknown> }>(event: T): T {
    return {
      ...event,
      message: this.text(event.message),
      ...(event.details ? { details: this.value(event.details) as Record<string, unknown> } : {}),
    };
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Convenience for one-off use: redact a call event with the given secrets and PII fields. */
export function redactCallEvent<T extends CallEventInput>(event: T, options: RedactorOptions = {}): T {
  return new Redactor(options).callEvent(event);
}
