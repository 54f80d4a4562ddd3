#!/usr/bin/env node
/**
 * Regenerates tests/fixtures/vendor-specs/*.min.json from the vendors' published OpenAPI documents
 * (../shared/vendor-specs/ beside the repository, or the folder given as the first argument).
 *
 * A fresh clone has no shared/ folder, yet the contract tests must still run: they read these extracts
 * instead. An extract keeps, for the paths the catalog calls, every operation whole (parameters, request
 * bodies, responses) and every component those reference, transitively, so validating against it is the
 * same as validating against the full document. Prose (description, summary, examples) is dropped: the
 * vendors' words stay in their documents.
 *
 *   node scripts/extract-vendor-specs.mjs [SPECS_DIR]        write the extracts
 *   node scripts/extract-vendor-specs.mjs [SPECS_DIR] --check exit 1 when a committed extract is stale
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(repo, 'tests/fixtures/vendor-specs');

/** What the catalog calls, per document: a path is kept when one of the patterns matches it. */
export const VENDOR_DOCUMENTS = [
  {
    name: 'stripe',
    file: 'stripe-2025-10.openapi.json',
    paths: [/^\/v1\/(customers|invoices)(\/search|\/\{[a-z_]+\})?$/],
  },
  { name: 'hubspot-contacts', file: 'hubspot-crm-contacts-v3.openapi.json', paths: [/^\/crm\/v3\/objects\/contacts/] },
  {
    name: 'hubspot-companies',
    file: 'hubspot-crm-companies-v3.openapi.json',
    paths: [/^\/crm\/v3\/objects\/companies/],
  },
  {
    name: 'xero-accounting',
    file: 'xero-accounting.openapi.yaml',
    paths: [/^\/(Contacts|Invoices|Items|Payments)(\/\{[A-Za-z]+\})?$/],
  },
];

const PROSE = new Set(['description', 'summary', 'example', 'examples', 'externalDocs', 'termsOfService', 'contact']);

export function readDocument(path) {
  const text = readFileSync(path, 'utf8');
  return path.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 });
}

function stripProse(value, key) {
  if (Array.isArray(value)) return value.map((v) => stripProse(v));
  if (!value || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    // `properties.description` is a field named "description", not prose: keep schema property names.
    if (key !== 'properties' && (PROSE.has(k) || k.startsWith('x-'))) continue;
    out[k] = stripProse(v, k);
  }
  return out;
}

function pointerGet(doc, ref) {
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((cur, k) => (cur == null ? undefined : cur[k]), doc);
}

/** Every local `$ref` reachable from `root`, followed through the components they name. */
function collectRefs(doc, root) {
  const seen = new Set();
  const stack = [root];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      stack.push(...v);
      continue;
    }
    for (const [k, inner] of Object.entries(v)) {
      if (k === '$ref' && typeof inner === 'string' && inner.startsWith('#/') && !seen.has(inner)) {
        seen.add(inner);
        stack.push(pointerGet(doc, inner));
      } else stack.push(inner);
    }
  }
  return seen;
}

export function extract(doc, patterns) {
  const paths = {};
  for (const [p, item] of Object.entries(doc.paths ?? {})) if (patterns.some((re) => re.test(p))) paths[p] = item;
  const refs = collectRefs(doc, paths);
  const components = {};
  for (const ref of [...refs].sort()) {
    const parts = ref.slice(2).split('/');
    if (parts[0] !== 'components' || parts.length !== 3)
      throw new Error(`${ref}: only references to whole components are supported by this extractor`);
    const name = parts[2].replace(/~1/g, '/').replace(/~0/g, '~');
    (components[parts[1]] ??= {})[name] = pointerGet(doc, ref);
  }
  if (doc.components?.securitySchemes) components.securitySchemes = doc.components.securitySchemes;
  return keepRequiredDescriptions(
    stripProse({
      openapi: doc.openapi,
      info: { title: doc.info?.title, version: doc.info?.version },
      servers: (doc.servers ?? []).map((s) => ({ url: s.url })),
      ...(doc.security ? { security: doc.security } : {}),
      paths,
      components,
    }),
  );
}

/**
 * OpenAPI 3.0 requires a `description` on every Response object: an empty one keeps the extract a
 * valid document (the importer checks that) without copying the vendor's words.
 */
function keepRequiredDescriptions(doc) {
  const responses = [
    ...Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op?.responses ?? {})),
    doc.components.responses ?? {},
  ];
  for (const set of responses)
    for (const r of Object.values(set)) if (r && typeof r === 'object' && !r.$ref) r.description ??= '';
  return doc;
}

function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const given = args.find((a) => !a.startsWith('--'));
  // CI's clone has shared/ beside it; a git worktree one level further down.
  const dir = given
    ? resolve(given)
    : ([join(repo, '../shared/vendor-specs'), join(repo, '../../shared/vendor-specs')].find(existsSync) ??
      join(repo, '../shared/vendor-specs'));
  if (!existsSync(dir)) {
    console.error(`No vendor documents at ${dir}; pass the folder that holds them.`);
    process.exit(2);
  }
  mkdirSync(OUT, { recursive: true });
  let stale = 0;
  for (const v of VENDOR_DOCUMENTS) {
    const text = `${JSON.stringify(extract(readDocument(join(dir, v.file)), v.paths), null, 1)}\n`;
    const out = join(OUT, `${v.name}.min.json`);
    if (check) {
      if (!existsSync(out) || readFileSync(out, 'utf8') !== text) {
        console.error(`${out} differs from what ${v.file} gives; run node scripts/extract-vendor-specs.mjs`);
        stale++;
      }
    } else {
      writeFileSync(out, text);
      console.log(`${v.name}: ${(text.length / 1024).toFixed(0)} KB`);
    }
  }
  process.exit(stale ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
