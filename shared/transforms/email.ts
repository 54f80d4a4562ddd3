import { z } from 'zod';
import { asText, isNullish, quote, transformError, type TransformFn } from './types';

/** E-mail normalization: trims, unwraps "Name <a@b.c>" and "mailto:", lowercases, validates. */
export const EmailConfig = z.object({
  kind: z.literal('email'),
  /** "all" is what dedup wants; "domain" keeps the local part's case (RFC 5321 says it may matter). */
  lowercase: z.enum(['all', 'domain', 'none']).default('all'),
  onInvalid: z.enum(['error', 'null', 'keep']).default('error'),
});
export type EmailConfig = z.infer<typeof EmailConfig>;

// Practical RFC 5322 subset: dot-atom local part, LDH domain labels, alphabetic TLD (or punycode).
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const TLD = /^([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

export function isValidEmail(email: string): boolean {
  if (email.length > 254) return false;
  const at = email.lastIndexOf('@');
  if (at < 1) return false;
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  return (
    local.length <= 64 &&
    LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every((l) => LABEL.test(l)) &&
    TLD.test(labels[labels.length - 1]!)
  );
}

export function normalizeEmail(text: string, lowercase: EmailConfig['lowercase'] = 'all'): string {
  let s = text.replace(/[\s\u00A0\u200B\uFEFF]+/g, ' ').trim();
  const angle = /<([^<>]+)>\s*$/.exec(s);
  if (angle) s = angle[1]!.trim();
  s = s
    .replace(/^mailto:/i, '')
    .replace(/\.$/, '')
    .trim();
  if (lowercase === 'all') return s.toLowerCase();
  if (lowercase === 'domain') {
    const at = s.lastIndexOf('@');
    return at < 0 ? s : s.slice(0, at) + s.slice(at).toLowerCase();
  }
  return s;
}

export function compileEmail(config: EmailConfig): TransformFn {
  return (value) => {
    if (isNullish(value)) return value;
    const text = asText('email', value);
    if (text.trim() === '') return null;
    const email = normalizeEmail(text, config.lowercase);
    if (isValidEmail(email)) return email;
    if (config.onInvalid === 'null') return null;
    if (config.onInvalid === 'keep') return text;
    throw transformError('email', `${quote(text)} is not a valid e-mail address.`, { reason: 'invalid_email' });
  };
}
