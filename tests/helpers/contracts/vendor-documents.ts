import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/**
 * The vendors' published OpenAPI documents: the full ones from `../shared/vendor-specs/` beside the
 * repository when it is there (developer machines, CI's clone), else the committed minimized extracts
 * that `scripts/extract-vendor-specs.mjs` makes from them (a fresh clone elsewhere).
 */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// CI's clone has shared/ beside it; a git worktree of the repository sits one level further down.
export const SHARED_SPECS =
  process.env.PATCHBAY_VENDOR_SPECS ??
  [resolve(REPO, '../shared/vendor-specs'), resolve(REPO, '../../shared/vendor-specs')].find((d) => existsSync(d)) ??
  resolve(REPO, '../shared/vendor-specs');
export const EXTRACTS = join(REPO, 'tests/fixtures/vendor-specs');

export type VendorName = 'stripe' | 'hubspot-contacts' | 'hubspot-companies' | 'xero-accounting';

export const VENDOR_FILES: Record<VendorName, string> = {
  stripe: 'stripe-2025-10.openapi.json',
  'hubspot-contacts': 'hubspot-crm-contacts-v3.openapi.json',
  'hubspot-companies': 'hubspot-crm-companies-v3.openapi.json',
  'xero-accounting': 'xero-accounting.openapi.yaml',
};

export function sharedSpecsPresent(): boolean {
  return existsSync(join(SHARED_SPECS, VENDOR_FILES.stripe));
}

/** Where a vendor's document is read from, and whether it is the full published one. */
export function vendorDocumentPath(name: VendorName): { path: string; full: boolean } {
  const full = join(SHARED_SPECS, VENDOR_FILES[name]);
  if (existsSync(full)) return { path: full, full: true };
  return { path: join(EXTRACTS, `${name}.min.json`), full: false };
}

export function readVendorDocument(name: VendorName): { doc: Record<string, unknown>; full: boolean; path: string } {
  const { path, full } = vendorDocumentPath(name);
  const text = readFileSync(path, 'utf8');
  const doc = (path.endsWith('.yaml') ? parseYaml(text, { maxAliasCount: -1 }) : JSON.parse(text)) as Record<
    string,
    unknown
  >;
  return { doc, full, path };
}
