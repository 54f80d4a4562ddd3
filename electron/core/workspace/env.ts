import type { Path } from './yaml-file';

const PLACEHOLDER = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function hasPlaceholder(text: string): boolean {
  return /\$\{env:/.test(text);
}

/**
 * `${env:NAME}` in any string of a file takes the value of NAME in the environment, so one set of
 * files serves a test and a live account (base URLs, account ids). Only strings are resolved; a
 * variable that is not set is an error at that field, never an empty value.
 */
export function resolvePlaceholders(
  value: unknown,
  env: NodeJS.ProcessEnv,
  path: Path = [],
  missing: { path: Path; name: string }[] = [],
): { value: unknown; missing: { path: Path; name: string }[] } {
  if (typeof value === 'string') {
    if (!hasPlaceholder(value)) return { value, missing };
    const out = value.replace(PLACEHOLDER, (_m, name: string) => {
      const v = env[name];
      if (v === undefined) {
        missing.push({ path, name });
        return '';
      }
      return v;
    });
    return { value: out, missing };
  }
  if (Array.isArray(value))
    return { value: value.map((v, i) => resolvePlaceholders(v, env, [...path, i], missing).value), missing };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolvePlaceholders(v, env, [...path, k], missing).value;
    return { value: out, missing };
  }
  return { value, missing };
}

/** Whether the file's text (with placeholders) still stands for `next` in this environment. */
export function placeholderMatches(text: string, next: unknown, env: NodeJS.ProcessEnv): boolean {
  if (!hasPlaceholder(text) || typeof next !== 'string') return false;
  const { value, missing } = resolvePlaceholders(text, env);
  return missing.length === 0 && value === next;
}
