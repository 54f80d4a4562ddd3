import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { Document } from 'yaml';
import { AppError } from '../../../shared/errors';
import {
  KIND_FOLDERS,
  WORKSPACE_FORMAT,
  type ExportResult,
  type WorkspaceKind,
} from '../../../shared/models/workspace';
import type { BaseCore } from '../create-core';
import { placeholderMatches } from './env';
import { SCHEMA_FILES, jsonSchemaFor } from './json-schemas';
import { KINDS, type Obj } from './kinds';
import { listYamlFiles } from './load';
import { renderNewFile, rewriteFile, parseYaml } from './yaml-file';
import { errorMessage } from '../../../shared/error-message';

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'object';

const withHeader = (kind: WorkspaceKind, value: Obj): Obj => ({ patchbay: WORKSPACE_FORMAT, kind, ...value });

/** One object as a file's text (no schema modeline): what "Copy as YAML" puts on the clipboard. */
export function objectYaml(kind: WorkspaceKind, value: Obj): string {
  return new Document(withHeader(kind, value)).toString({ lineWidth: 0 });
}

/** The files already in the folder, by kind and id, so a second export rewrites them in place. */
function existingFiles(dir: string): Map<string, string> {
  const byKey = new Map<string, string>();
  if (!existsSync(dir)) return byKey;
  // Only kind and id matter here: a file that does not validate today is still that object's file.
  for (const full of listYamlFiles(dir)) {
    const parsed = parseYaml(readFileSync(full, 'utf8'));
    const value = parsed.ok ? (parsed.file.value as { kind?: unknown; id?: unknown } | null) : null;
    if (value && typeof value.kind === 'string' && typeof value.id === 'string')
      byKey.set(`${value.kind}/${value.id}`, relative(dir, full).split(sep).join('/'));
  }
  return byKey;
}

/**
 * Write this machine's workspace to `dir`: one file per object under a folder per kind, plus
 * `schemas/` for editors. Objects already exported keep their file, and only what changed in them
 * is rewritten (comments, key order and `${env:…}` placeholders stay); files of objects this
 * machine no longer has are removed. No secret value is written: connections name their fields.
 */
export async function exportWorkspace(
  core: BaseCore,
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ExportResult & { removed: string[] }> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new AppError('io_error', `Cannot create the folder ${dir}: ${errorMessage(error)}`);
  }
  const existing = existingFiles(dir);
  const written: string[] = [];
  const unchanged: string[] = [];
  const write = (rel: string, text: string) => {
    const full = join(dir, ...rel.split('/'));
    if (existsSync(full) && readFileSync(full, 'utf8') === text) return unchanged.push(rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    written.push(rel);
  };
  for (const { kind, file } of SCHEMA_FILES)
    write(`schemas/${file}`, `${JSON.stringify(jsonSchemaFor(kind), null, 2)}\n`);
  const taken = new Set(existing.values());
  const kept = new Set<string>();
  let objects = 0;
  for (const adapter of KINDS) {
    for (const value of await adapter.current(core)) {
      objects++;
      const key = `${adapter.kind}/${String(value.id)}`;
      let rel = existing.get(key);
      const body = withHeader(adapter.kind, value);
      if (rel) {
        const parsed = parseYaml(readFileSync(join(dir, ...rel.split('/')), 'utf8'));
        const text = parsed.ok
          ? rewriteFile(parsed.file, body, (t, next) => placeholderMatches(t, next, env))
          : renderNewFile(body, schemaPath(rel, adapter.kind));
        write(rel, text);
      } else {
        const base = `${KIND_FOLDERS[adapter.kind]}/${slug(String(value.name ?? value.id))}`;
        rel = `${base}.yaml`;
        for (let n = 2; taken.has(rel); n++) rel = `${base}-${n}.yaml`;
        taken.add(rel);
        write(rel, renderNewFile(body, schemaPath(rel, adapter.kind)));
      }
      kept.add(rel);
    }
  }
  const removed: string[] = [];
  for (const rel of existing.values())
    if (!kept.has(rel)) {
      rmSync(join(dir, ...rel.split('/')), { force: true });
      removed.push(rel);
    }
  return { dir, written, unchanged, removed, objects };
}

function schemaPath(rel: string, kind: WorkspaceKind): string {
  const from = dirname(rel.split('/').join(sep));
  return relative(from, join('schemas', `${kind}.schema.json`))
    .split(sep)
    .join('/');
}
