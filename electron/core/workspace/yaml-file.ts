import { Document, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';

export type Path = (string | number)[];
export interface Position {
  line: number;
  column: number;
}

/** One parsed workspace file: its value, and where each field is written (for error messages). */
export interface YamlFile {
  doc: Document;
  value: unknown;
  /** Line and column of the node at `path` (of its key with `key: true`), else of its nearest written parent. */
  locate(path: Path, options?: { key?: boolean }): Position;
}

export type YamlParse = { ok: true; file: YamlFile } | { ok: false; problems: (Position & { message: string })[] };

const keyOf = (key: unknown): unknown => (isScalar(key) ? key.value : key);

/** Parse one file; several documents in one file are refused (one object per file keeps diffs readable). */
export function parseYaml(text: string): YamlParse {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (!Array.isArray(docs)) return { ok: false, problems: [{ line: 1, column: 1, message: 'the file is empty' }] };
  const errors = docs.flatMap((d) => d.errors);
  if (errors.length)
    return {
      ok: false,
      problems: errors.map((e) => ({ ...at(e.pos[0]), message: `not valid YAML: ${e.message.split('\n')[0]}` })),
    };
  if (docs.length !== 1)
    return {
      ok: false,
      problems: [
        {
          ...at(docs[1]?.range[0] ?? 0),
          message: 'one object per file: this file holds several YAML documents (---)',
        },
      ],
    };
  const doc = docs[0]!;
  const value = doc.toJS({ maxAliasCount: 50 });
  const locate = (path: Path, options: { key?: boolean } = {}): Position => {
    let node: unknown = doc.contents;
    let best: Position = node && (node as Node).range ? at((node as Node).range![0]) : { line: 1, column: 1 };
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => String(keyOf(p.key)) === String(segment));
        if (!pair) return best;
        const last = i === path.length - 1;
        const keyNode = pair.key as Node | undefined;
        if (last && options.key && keyNode?.range) return at(keyNode.range[0]);
        node = pair.value ?? keyNode;
        const range = (node as Node | undefined)?.range ?? keyNode?.range;
        if (range) best = at(range[0]);
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
        const range = (node as Node | undefined)?.range;
        if (!range) return best;
        best = at(range[0]);
      } else return best;
    }
    return best;
  };
  return { ok: true, file: { doc, value, locate } };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A new file: the schema modeline first, so editors validate and complete it. */
export function renderNewFile(value: Record<string, unknown>, schemaPath: string): string {
  const doc = new Document(value);
  doc.commentBefore = ` yaml-language-server: $schema=${schemaPath}`;
  return doc.toString({ lineWidth: 0 });
}

/**
 * Rewrite an existing file to hold `next`, touching only what changed: the user's comments, key
 * order and `${env:…}` placeholders that still resolve to the same value survive an export.
 */
export function rewriteFile(
  file: YamlFile,
  next: Record<string, unknown>,
  keepScalar: (text: string, next: unknown) => boolean,
): string {
  const { doc } = file;
  const merge = (node: unknown, value: unknown): unknown => {
    if (isMap(node) && isPlainObject(value)) {
      const wanted = new Set(Object.keys(value));
      node.items = node.items.filter((p) => wanted.has(String(keyOf(p.key))));
      for (const [k, v] of Object.entries(value)) {
        const pair = node.items.find((p) => String(keyOf(p.key)) === k);
        if (pair) pair.value = merge(pair.value, v) as Node;
        else node.items.push(doc.createPair(k, v));
      }
      return node;
    }
    if (isSeq(node) && Array.isArray(value)) {
      const byId = (items: unknown[]) =>
        items.every((x) => isPlainObject(x) && typeof x.id === 'string')
          ? items.map((x) => (x as { id: string }).id)
          : null;
      const nextIds = byId(value);
      const oldIds = nextIds ? node.items.map((n) => (isMap(n) ? String(n.get('id') ?? '') : '')) : null;
      node.items = value.map((v, i) => {
        const j = nextIds && oldIds ? oldIds.indexOf(nextIds[i]!) : i;
        const old = j >= 0 ? node.items[j] : undefined;
        return (old === undefined ? doc.createNode(v) : merge(old, v)) as Node;
      });
      return node;
    }
    if (isScalar(node)) {
      if (node.value === value) return node;
      if (typeof node.value === 'string' && keepScalar(node.value, value)) return node;
    }
    const created = doc.createNode(value) as Node & { commentBefore?: string | null; comment?: string | null };
    const old = node as { commentBefore?: string | null; comment?: string | null } | undefined;
    if (old?.commentBefore) created.commentBefore = old.commentBefore;
    if (old?.comment) created.comment = old.comment;
    return created;
  };
  doc.contents = merge(doc.contents, next) as Node;
  return doc.toString({ lineWidth: 0 });
}
