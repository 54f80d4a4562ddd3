import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A unique secret-looking value that must never appear outside the keychain. */
export function makeCanary(label: string): string {
  return `canary-${label}-${randomBytes(12).toString('hex')}`;
}

/** Every file under `dir` whose bytes contain any canary (also in base64 and URL-encoded forms). */
export function scanDirForCanaries(dir: string, canaries: string[]): string[] {
  const needles = canaries
    .flatMap((c) => [c, Buffer.from(c).toString('base64'), encodeURIComponent(c)])
    .map((n) => Buffer.from(n));
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        if (needles.some((n) => bytes.includes(n))) hits.push(path);
      }
    }
  };
  walk(dir);
  return hits;
}
