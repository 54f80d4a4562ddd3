import SwaggerParser from '@apidevtools/swagger-parser';
import { AppError } from '../../../../shared/errors';
import type { OpenApiDoc } from './types';
import { errorMessage } from '../../../../shared/error-message';

/**
 * Read, validate and dereference an OpenAPI 3 document from a file path or URL with
 * @apidevtools/swagger-parser (a well-kept validator that resolves every $ref, local or remote).
 * Swagger 2.0 is refused with the way to convert it rather than half-imported.
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
  try {
    const doc = (await SwaggerParser.validate(source, optionsFor(source) as SwaggerParser.Options)) as OpenApiDoc;
    // swagger-parser rewrites relative server URLs against the source URL but drops its port; put it back.
    if (/^https?:/i.test(source)) {
      const src = new URL(source);
      for (const server of doc.servers ?? []) {
        if (!/^https?:/i.test(server.url)) continue;
        const u = new URL(server.url);
        if (src.port && !u.port && u.hostname === src.hostname && u.protocol === src.protocol) {
          u.port = src.port;
          server.url = u.toString().replace(/\/$/, '');
        }
      }
    }
    return doc;
  } catch (err) {
    throw new AppError(
      'invalid_openapi',
      `${source} is not a valid OpenAPI ${raw.openapi} document: ${firstLine(errorMessage(err))}`,
      { source },
    );
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 300);
}
