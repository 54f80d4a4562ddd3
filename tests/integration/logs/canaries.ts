import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Secret and PII canaries with characters that change under URL encoding and base64. */
export const SECRETS = {
  bearer: 'tok_CANARY_7f3a9b2c1d8e',
  apiKey: 'ak-CANARY-55aa66bb77cc',
  basicUser: 'svc-user',
  basicPassword: 'Pa$$w0rd/CANARY+42=',
  clientSecret: 'cs CANARY&secret?x=1',
  refresh: 'rt.CANARY.0c0ffee0c0ffee',
  signing: 'whsec_CANARYsigning9876',
  shopify: 'shpat_CANARY0123456789',
  session: 'sess-CANARY-abcdef123',
  wsse: 'soapPW-CANARY-31337',
};
export const PII_VALUES = { email: 'jane.canary@example.org', phone: '+33 6 12 34 56 78', firstname: 'Canarina' };
export const PII_FIELDS = ['email', 'phone', 'properties.firstname'];

/** Every spelling a leak could take: raw, URL-encoded, base64 (alone and inside Basic auth). */
export function canaryForms(): string[] {
  const forms = new Set<string>();
  for (const v of [...Object.values(SECRETS).filter((s) => s !== SECRETS.basicUser), ...Object.values(PII_VALUES)]) {
    forms.add(v);
    forms.add(encodeURIComponent(v));
    forms.add(encodeURIComponent(v).replace(/%20/g, '+'));
    forms.add(Buffer.from(v).toString('base64'));
  }
  forms.add(Buffer.from(`${SECRETS.basicUser}:${SECRETS.basicPassword}`).toString('base64'));
  return [...forms];
}

/** Names of canary forms found in the bytes (empty = clean). */
export function leaksIn(bytes: Buffer | string): string[] {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return canaryForms().filter((f) => buf.includes(Buffer.from(f)));
}

export function leaksInDir(dir: string): { file: string; forms: string[] }[] {
  const out: { file: string; forms: string[] }[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...leaksInDir(p));
    else {
      const forms = leaksIn(readFileSync(p));
      if (forms.length) out.push({ file: p, forms });
    }
  }
  return out;
}
