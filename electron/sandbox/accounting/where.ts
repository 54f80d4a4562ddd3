import { getPathValue } from './paths';

/**
 * The subset of Xero's `where` filter the sandbox understands: comparisons `Field=="text"`,
 * `Field!="text"`, `Field==true`, `Path.Field==Guid("…")`, joined by `AND`/`&&` (case-insensitive
 * text comparison, as Xero's). Anything else is refused, the way Xero answers a filter it cannot
 * parse: a 400, never a silently unfiltered list.
 */
type Test = (r: Record<string, unknown>) => boolean;

const TERM = /^\s*([A-Za-z][\w.]*)\s*(==|!=)\s*(?:"((?:[^"\\]|\\.)*)"|Guid\("([0-9a-fA-F-]{36})"\)|(true|false))\s*$/;

export function compileWhere(expr: string): Test {
  const tests = expr.split(/\s+(?:AND|&&)\s+/i).map((part) => {
    const m = TERM.exec(part);
    if (!m) throw new Error(`Unsupported where clause: ${part.trim()}`);
    const [, field, op, text, guid, bool] = m;
    const want = text !== undefined ? text.replace(/\\(.)/g, '$1') : (guid ?? bool!);
    const same = (v: unknown) => String(v ?? '').toLowerCase() === want.toLowerCase();
    return (r: Record<string, unknown>) =>
      op === '==' ? same(getPathValue(r, field!)) : !same(getPathValue(r, field!));
  });
  return (r) => tests.every((t) => t(r));
}
