import { z } from 'zod';
import { asText, isNullish, quote, transformError, type TransformContext, type TransformFn } from './types';
import { errorMessage } from '../error-message';

/** Split text into a list, or pick one piece of it (`index`, negative counts from the end). */
export const SplitConfig = z.object({
  kind: z.literal('split'),
  separator: z.string().min(1, 'separator must not be empty'),
  index: z.number().int().optional(),
  trimParts: z.boolean().default(true),
  dropEmpty: z.boolean().default(true),
});
export const JoinConfig = z.object({
  kind: z.literal('join'),
  separator: z.string().default(', '),
  skipEmpty: z.boolean().default(true),
});
/** Concat joins the rule's several sources (e.g. first name + last name). */
export const ConcatConfig = z.object({
  kind: z.literal('concat'),
  separator: z.string().default(' '),
  skipEmpty: z.boolean().default(true),
});
/**
 * Template: "{0}" is the rule's first source, "{value}" the value reaching this step,
 * "{address.city}" any dotted path of the source record. "{{" and "}}" are literal braces.
 */
export const TemplateConfig = z
  .object({
    kind: z.literal('template'),
    template: z.string(),
    missing: z.enum(['empty', 'error']).default('empty'),
  })
  .superRefine((config, ctx) => {
    try {
      parseTemplate(config.template);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['template'], message: errorMessage(error) });
    }
  });

export type SplitConfig = z.infer<typeof SplitConfig>;
export type JoinConfig = z.infer<typeof JoinConfig>;
export type ConcatConfig = z.infer<typeof ConcatConfig>;
export type TemplateConfig = z.infer<typeof TemplateConfig>;

function isEmptyPart(part: unknown): boolean {
  return isNullish(part) || (typeof part === 'string' && part.trim() === '');
}

export function compileSplit(config: SplitConfig): TransformFn {
  return (value) => {
    if (isNullish(value)) return value;
    let parts = asText('split', value).split(config.separator);
    if (config.trimParts) parts = parts.map((p) => p.trim());
    if (config.dropEmpty) parts = parts.filter((p) => p !== '');
    if (config.index === undefined) return parts;
    const at = config.index < 0 ? parts.length + config.index : config.index;
    return parts[at] ?? null;
  };
}

function joinParts(kind: string, parts: unknown[], separator: string, skipEmpty: boolean): string {
  const kept = skipEmpty ? parts.filter((p) => !isEmptyPart(p)) : parts.map((p) => (isNullish(p) ? '' : p));
  return kept.map((p) => asText(kind, p)).join(separator);
}

export function compileJoin(config: JoinConfig): TransformFn {
  return (value) => {
    if (isNullish(value)) return value;
    if (!Array.isArray(value)) throw transformError('join', `The join transform expects a list, got ${quote(value)}.`);
    return joinParts('join', value, config.separator, config.skipEmpty);
  };
}

export function compileConcat(config: ConcatConfig): TransformFn {
  return (value, context) => {
    // A multi-source rule hands the chain a list; a single value is concatenated with nothing.
    const parts = Array.isArray(value)
      ? value
      : context.sources && context.sources.length > 1
        ? [...context.sources]
        : [value];
    const joined = joinParts('concat', parts, config.separator, config.skipEmpty);
    return joined === '' ? null : joined;
  };
}

type TemplatePart = { text: string } | { ref: string };

/** Parsed once at compile time so a 100k-record run does no template scanning. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '{' && template[i + 1] === '{') {
      text += '{';
      i++;
    } else if (c === '}' && template[i + 1] === '}') {
      text += '}';
      i++;
    } else if (c === '{') {
      const end = template.indexOf('}', i);
      if (end < 0) throw new Error(`Unclosed "{" at position ${i} of the template; write "{{" for a literal brace.`);
      const ref = template.slice(i + 1, end).trim();
      if (!/^[\w$.-]+$/.test(ref))
        throw new Error(
          `Invalid placeholder "{${ref}}" at position ${i}; use {0}, {value} or a field path like {address.city}.`,
        );
      if (text) parts.push({ text });
      text = '';
      parts.push({ ref });
      i = end;
    } else if (c === '}') {
      throw new Error(`Unmatched "}" at position ${i} of the template; write "}}" for a literal brace.`);
    } else {
      text += c;
    }
  }
  if (text) parts.push({ text });
  return parts;
}

export function getPath(record: unknown, path: string | readonly string[]): unknown {
  const segments = typeof path === 'string' ? path.split('.') : path;
  let current: unknown = record;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function resolveRef(ref: string, value: unknown, context: TransformContext): unknown {
  if (ref === 'value') return value;
  if (/^\d+$/.test(ref)) {
    const index = Number(ref);
    if (context.sources) return context.sources[index];
    return index === 0 ? value : undefined;
  }
  return getPath(context.record, ref);
}

export function compileTemplate(config: TemplateConfig): TransformFn {
  const parts = parseTemplate(config.template);
  return (value, context) => {
    let out = '';
    for (const part of parts) {
      if ('text' in part) {
        out += part.text;
        continue;
      }
      const resolved = resolveRef(part.ref, value, context);
      if (isNullish(resolved)) {
        if (config.missing === 'error')
          throw transformError('template', `Template placeholder {${part.ref}} has no value.`);
        continue;
      }
      out += typeof resolved === 'object' ? JSON.stringify(resolved) : asText('template', resolved);
    }
    return out;
  };
}
