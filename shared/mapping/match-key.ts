import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { MatchKeyNormalization } from '../models/mapping';
import { cleanPhoneText } from '../transforms/phone';
import { normalizeEmail } from '../transforms/email';

/**
 * Match keys compare normalized text so "Bob@Example.com " in the CRM finds "bob@example.com"
 * in billing. null means "no key": the record can only be created, never matched.
 */
export function normalizeMatchKey(value: unknown, normalization: MatchKeyNormalization): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return normalization === 'none' ? JSON.stringify(value) : null;
  const text = String(value);
  let key: string;
  switch (normalization) {
    case 'none':
      key = text;
      break;
    case 'trim':
      key = text.trim();
      break;
    case 'lower':
      key = text.trim().toLowerCase();
      break;
    case 'email':
      key = normalizeEmail(text);
      break;
    case 'phone': {
      // Already-E.164 values pass through; otherwise digits-only is the best portable key.
      const phone = parsePhoneNumberFromString(cleanPhoneText(text));
      key = phone?.number ?? text.replace(/\D/g, '');
      break;
    }
    case 'digits':
      key = text.replace(/\D/g, '');
      break;
    case 'alnum_lower':
      key = text
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]/gu, '');
      break;
  }
  return key === '' ? null : key;
}
