import { z } from 'zod';
import { UNICODE_SPACES, asText, isNullish, type TransformFn } from './types';

/** Copy (or rename: the rule's target names the new field) passes the value through untouched. */
export const CopyConfig = z.object({ kind: z.literal('copy') });
export const TrimConfig = z.object({
  kind: z.literal('trim'),
  side: z.enum(['both', 'start', 'end']).default('both'),
});
export const CaseConfig = z.object({
  kind: z.literal('case'),
  to: z.enum(['lower', 'upper', 'title', 'sentence']),
});
export const CollapseSpacesConfig = z.object({ kind: z.literal('collapse_spaces') });

export type CopyConfig = z.infer<typeof CopyConfig>;
export type TrimConfig = z.infer<typeof TrimConfig>;
export type CaseConfig = z.infer<typeof CaseConfig>;
export type CollapseSpacesConfig = z.infer<typeof CollapseSpacesConfig>;

export function compileCopy(_config: CopyConfig): TransformFn {
  return (value) => value;
}

// String.prototype.trim misses U+200B and U+FEFF, which arrive with copy-pasted spreadsheet cells.
const LEADING = new RegExp(`^${UNICODE_SPACES.source}`);
const TRAILING = new RegExp(`${UNICODE_SPACES.source}$`);

export function trimText(text: string, side: TrimConfig['side'] = 'both'): string {
  let out = text;
  if (side !== 'end') out = out.replace(LEADING, '');
  if (side !== 'start') out = out.replace(TRAILING, '');
  return out;
}

export function compileTrim(config: TrimConfig): TransformFn {
  return (value) => (isNullish(value) ? value : trimText(asText('trim', value), config.side));
}

/** Title case per word, keeping the separators ("jean-luc o'neil" → "Jean-Luc O'Neil"). */
function titleCase(text: string): string {
  return text
    .toLocaleLowerCase()
    .replace(/(^|[\s\-'’(])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toLocaleUpperCase());
}

export function changeCase(text: string, to: CaseConfig['to']): string {
  switch (to) {
    case 'lower':
      return text.toLowerCase();
    case 'upper':
      return text.toUpperCase();
    case 'title':
      return titleCase(text);
    case 'sentence': {
      const lower = text.toLowerCase();
      return lower.replace(/\p{L}/u, (c) => c.toUpperCase());
    }
  }
}

export function compileCase(config: CaseConfig): TransformFn {
  return (value) => (isNullish(value) ? value : changeCase(asText('case', value), config.to));
}

export function collapseSpaces(text: string): string {
  return trimText(text.replace(UNICODE_SPACES, ' '));
}

export function compileCollapseSpaces(_config: CollapseSpacesConfig): TransformFn {
  return (value) => (isNullish(value) ? value : collapseSpaces(asText('collapse_spaces', value)));
}
