import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import {
  RUNTIME_KEYS,
  WORKSPACE_FILE_SCHEMAS,
  WORKSPACE_FORMAT,
  WORKSPACE_KINDS,
  type WorkspaceIssue,
  type WorkspaceKind,
} from '../../../shared/models/workspace';
import { resolvePlaceholders } from './env';
import { adapterOf, type Obj } from './kinds';
import { findKeyProblems } from './unknown-keys';
import { parseYaml, type Path, type YamlFile } from './yaml-file';
import { errorMessage } from '../../../shared/error-message';

/** One object read from a file, validated, with `${env:…}` resolved. */
export interface LoadedObject {
  kind: WorkspaceKind;
  id: string;
  name: string;
  /** Relative to the folder applied (or the file's own name). */
  file: string;
  /** The file schema's output: defaults filled in. */
  value: Obj;
  yaml: YamlFile;
}

export interface LoadedWorkspace {
  /** The folder or file given. */
  source: string;
  isDir: boolean;
  objects: LoadedObject[];
  issues: WorkspaceIssue[];
}

const YAML_FILE = /\.ya?ml$/i;

/** Every *.yaml / *.yml below `dir`, sorted; `schemas/` (what export ships for editors) and dot-entries are skipped. */
export function listYamlFiles(dir: string, root = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (dir === root && entry.name === 'schemas') continue;
      out.push(...listYamlFiles(full, root));
    } else if (entry.isFile() && YAML_FILE.test(entry.name)) out.push(full);
  }
  return out;
}

const dotted = (path: Path) => path.map(String).join('.');

export function secretAdvice(id: string, field: string): string {
  return `a secret value does not belong in a workspace file: remove it and run "patchbay secrets set ${id} ${field}" (the value is read from standard input into this machine's keychain)`;
}

/** Validate one file's text. Never throws: every problem becomes an issue naming file, line and field. */
export function loadFile(
  text: string,
  file: string,
  env: NodeJS.ProcessEnv,
): { object?: LoadedObject; issues: WorkspaceIssue[] } {
  const issues: WorkspaceIssue[] = [];
  const parsed = parseYaml(text);
  if (!parsed.ok) return { issues: parsed.problems.map((p) => ({ file, field: '', ...p })) };
  const yaml = parsed.file;
  const issue = (path: Path, message: string, key = false) =>
    issues.push({ file, field: dotted(path), message, ...yaml.locate(path, { key }) });
  const doc = yaml.value;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    issue([], 'a workspace file holds one object (a YAML mapping with patchbay:, kind: and its fields)');
    return { issues };
  }
  const { patchbay: format, kind, ...body } = doc as Obj;
  if (format === undefined) {
    issue([], `not a Patchbay workspace file: the first line should be "patchbay: ${WORKSPACE_FORMAT}"`);
    return { issues };
  }
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1) {
    issue(['patchbay'], `the format version must be a whole number (this Patchbay writes ${WORKSPACE_FORMAT})`);
    return { issues };
  }
  if (format > WORKSPACE_FORMAT) {
    issue(
      ['patchbay'],
      `written by a newer Patchbay (workspace format ${format}); this one reads format ${WORKSPACE_FORMAT}: update Patchbay to apply it`,
    );
    return { issues };
  }
  if (typeof kind !== 'string' || !(WORKSPACE_KINDS as readonly string[]).includes(kind)) {
    issue(
      ['kind'],
      `${kind === undefined ? 'missing kind' : `unknown kind "${String(kind)}"`}: use one of ${WORKSPACE_KINDS.join(', ')}`,
    );
    return { issues };
  }
  const k = kind as WorkspaceKind;
  const schema = WORKSPACE_FILE_SCHEMAS[k];
  const id = typeof body.id === 'string' ? body.id : '';
  for (const key of RUNTIME_KEYS[k])
    if (key in body) issue([key], `"${key}" is kept by each machine, not in files: remove this line`, true);
  // A connection lists its secret fields by name; a mapping of names to values is a pasted secret.
  if (k === 'connection' && body.secrets && typeof body.secrets === 'object' && !Array.isArray(body.secrets)) {
    for (const field of Object.keys(body.secrets))
      issue(['secrets', field], secretAdvice(id || '<connection>', field), true);
    return { issues };
  }
  const resolved = resolvePlaceholders(body, env);
  for (const m of resolved.missing)
    issue(m.path, `environment variable ${m.name} is not set (the file says \${env:${m.name}})`);
  for (const p of findKeyProblems(schema, resolved.value)) {
    const field = String(p.path[p.path.length - 1]);
    if (p.kind === 'secret') issue(p.path, secretAdvice(id || `<${k}>`, k === 'connection' ? field : 'secret'), true);
    else issue(p.path, `unknown field "${field}" (check the spelling; the schema lists the fields allowed here)`, true);
  }
  if (issues.length) return { issues };
  const result = schema.safeParse(resolved.value);
  if (!result.success) {
    for (const zi of result.error.issues) issue(zi.path as Path, zi.message);
    return { issues };
  }
  const value = result.data as Obj;
  return {
    object: { kind: k, id: String(value.id), name: String(value.name ?? value.id), file, value, yaml },
    issues,
  };
}

/** Read a folder (every YAML file below it) or one file; validate each file and the set as a whole. */
export function loadWorkspace(source: string, env: NodeJS.ProcessEnv = process.env): LoadedWorkspace {
  const isDir = statSync(source).isDirectory();
  const files = isDir ? listYamlFiles(source) : [source];
  const objects: LoadedObject[] = [];
  const issues: WorkspaceIssue[] = [];
  for (const full of files) {
    const rel = isDir ? relative(source, full).split(sep).join('/') : basename(full);
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
    } catch (error) {
      issues.push({ file: rel, line: 0, column: 0, field: '', message: `cannot read: ${errorMessage(error)}` });
      continue;
    }
    const loaded = loadFile(text, rel, env);
    issues.push(...loaded.issues);
    if (loaded.object) objects.push(loaded.object);
  }
  issues.push(...duplicates(objects));
  return { source, isDir, objects, issues };
}

/** Two files with one id (or, where names must be unique, one name) for the same kind of object. */
function duplicates(objects: LoadedObject[]): WorkspaceIssue[] {
  const issues: WorkspaceIssue[] = [];
  const seen = new Map<string, LoadedObject>();
  const report = (o: LoadedObject, first: LoadedObject, field: 'id' | 'name') =>
    issues.push({
      file: o.file,
      field,
      message: `duplicate ${o.kind} ${field} "${field === 'id' ? o.id : o.name}": ${first.file} has it too (each object needs its own)`,
      ...o.yaml.locate([field]),
    });
  for (const o of objects) {
    const byId = `${o.kind}\0id\0${o.id}`;
    const first = seen.get(byId);
    if (first) report(o, first, 'id');
    else seen.set(byId, o);
    if (!adapterOf(o.kind).uniqueNames) continue;
    const byName = `${o.kind}\0name\0${o.name.trim().toLowerCase()}`;
    const sameName = seen.get(byName);
    if (sameName && sameName.id !== o.id) report(o, sameName, 'name');
    else seen.set(byName, o);
  }
  return issues;
}
