import SwaggerParser from '@apidevtools/swagger-parser';
import { AppError } from '../../../../shared/errors';
import { atPointer, dereferenceInPlace, escapePointer } from './dereference';
import { checkStructure } from './structure';
import type { OpenApiDoc } from './types';
import { errorMessage } from '../../../../shared/error-message';

/**
 * Read an OpenAPI 3 document from a file path or URL with @apidevtools/swagger-parser (which also
 * bundles references to other files or URLs), check it against the OpenAPI 3.0 schema, and resolve its
 * `$ref`s in place. Real documents are rarely perfect: an operation the schema rejects is left out and
 * named by its JSON pointer (`x-patchbay-problems`), and only a problem outside `paths` stops the
 * import, naming where. Swagger 2.0 is refused with the way to convert it rather than half-imported.
 */
// The user names the document themselves, often on localhost or an intranet: the resolver's SSRF guard
// (meant for servers fetching untrusted URLs) would refuse exactly those, and a desktop app gains nothing from it.
const HTTP = { safeUrlResolver: false, timeout: 20_000, redirects: 5 } as const;

/**
 * A document fetched over http(s) must not pull in local files through `$ref: file:///…` (their
 * content would land in the catalog, the settings and support bundles): file refs only for file sources.
 */
function optionsFor(source: string) {
  const remote = /^https?:\/\//i.test(source);
  return { resolve: { http: HTTP, ...(remote ? { file: false } : {}) } };
}

export async function loadOpenApi(source: string): Promise<OpenApiDoc> {
  let raw: Record<string, unknown>;
  try {
    raw = { ...(await SwaggerParser.parse(source, optionsFor(source) as SwaggerParser.Options)) };
  } catch (err) {
    const msg = errorMessage(err);
    const unreachable = /ENOENT|ECONNREFUSED|ENOTFOUND|Error downloading|Error opening file|404|timed out/i.test(msg);
    throw new AppError(
      'invalid_openapi',
      unreachable
        ? `Could not read the OpenAPI document at ${source}: ${firstLine(msg)}. Check the path or URL and that it is reachable.`
        : `${source} is not a readable OpenAPI document (JSON or YAML): ${firstLine(msg)}`,
      { source },
    );
  }
  if (typeof raw.swagger === 'string') {
    throw new AppError(
      'invalid_openapi',
      `${source} is a Swagger ${raw.swagger} document; Patchbay imports OpenAPI 3 only. Convert it first, e.g. with \`npx swagger2openapi ${source} -o openapi.yaml\` or https://converter.swagger.io, then import the result.`,
      { source, swagger: raw.swagger },
    );
  }
  if (typeof raw.openapi !== 'string' || !raw.openapi.startsWith('3.')) {
    throw new AppError('invalid_openapi', `${source} has no "openapi: 3.x" field; it is not an OpenAPI 3 document.`, {
      source,
    });
  }
  // Only a document with references to other files or URLs needs the resolver's bundling; most
  // (Stripe's 2.5 MB among them) are one file, read once.
  let doc = raw;
  if (hasExternalRefs(raw)) {
    try {
      doc = { ...(await SwaggerParser.bundle(source, optionsFor(source) as SwaggerParser.Options)) };
    } catch (err) {
      throw new AppError(
        'invalid_openapi',
        `${source} refers to a document that could not be read: ${firstLine(errorMessage(err))}`,
        { source },
      );
    }
  }
  const structure = checkStructure(doc);
  if (structure.fatal)
    throw new AppError(
      'invalid_openapi',
      `${source} is not a valid OpenAPI ${raw.openapi} document: at ${structure.fatal.pointer} ${structure.fatal.message}.`,
      { source, pointer: structure.fatal.pointer },
    );
  removeParts(doc, structure.skip);
  const unresolved = dereferenceInPlace(doc);
  // What holds a reference to nothing is left out like a malformed operation.
  const broken = unresolved.filter((p) => p.outcome === 'unresolved').map((p) => unitOf(p.pointer));
  if (broken.some((u) => !u))
    throw new AppError(
      'invalid_openapi',
      `${source}: ${unresolved.find((p) => p.outcome === 'unresolved')!.message} (at ${unresolved.find((p) => p.outcome === 'unresolved')!.pointer}).`,
      { source, pointer: unresolved.find((p) => p.outcome === 'unresolved')!.pointer },
    );
  removeParts(doc, broken as string[]);
  // The shape is checked below, field by field, where the importer relies on it.
  const result = doc as OpenApiDoc;
  if (!result.paths || typeof result.paths !== 'object')
    throw new AppError('invalid_openapi', `${source} has no "paths" object (at #/paths).`, {
      source,
      pointer: '#/paths',
    });
  result['x-patchbay-problems'] = [...structure.problems, ...unresolved];
  // swagger-parser rewrites relative server URLs against the source URL but drops its port; put it back.
  if (/^https?:/i.test(source)) {
    const src = new URL(source);
    for (const server of result.servers ?? []) {
      if (!/^https?:/i.test(server.url)) {
        server.url = new URL(server.url, src).toString().replace(/\/$/, '');
        continue;
      }
      const u = new URL(server.url);
      if (src.port && !u.port && u.hostname === src.hostname && u.protocol === src.protocol) {
        u.port = src.port;
        server.url = u.toString().replace(/\/$/, '');
      }
    }
  }
  return result;
}

function hasExternalRefs(node: unknown, seen = new Set<object>()): boolean {
  if (!node || typeof node !== 'object' || seen.has(node)) return false;
  seen.add(node);
  if (Array.isArray(node)) return node.some((v) => hasExternalRefs(v, seen));
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) return true;
    if (hasExternalRefs(v, seen)) return true;
  }
  return false;
}

/** `#/paths/~1a/get/responses/…` → `#/paths/~1a/get` (the operation), `#/paths/~1a/parameters/0` → the path. */
function unitOf(pointer: string): string | undefined {
  const parts = pointer.replace(/^#/, '').split('/');
  if (parts[1] !== 'paths' || parts.length < 3) return undefined;
  const method = parts[3];
  return `#${(method && /^(get|put|post|delete|options|head|patch|trace)$/.test(method) ? parts.slice(0, 4) : parts.slice(0, 3)).join('/')}`;
}

function removeParts(doc: Record<string, unknown>, pointers: string[]): void {
  for (const pointer of pointers) {
    const parts = pointer
      .replace(/^#/, '')
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop()!;
    const parent = atPointer(doc, `#/${parts.map(escapePointer).join('/')}`);
    if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[last];
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 300);
}
