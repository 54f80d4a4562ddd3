import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { asText, isNullish, quote, transformError, type TransformFn } from './types';

/** Phone → E.164 ("+33123456789"). National numbers are read with `defaultCountry`. */
export const PhoneConfig = z.object({
  kind: z.literal('phone'),
  defaultCountry: z
    .string()
    .transform((c) => c.trim().toUpperCase())
    .refine(isSupportedCountry, { message: 'not a country libphonenumber knows (ISO 3166-1 alpha-2, e.g. FR, US)' })
    .optional(),
  /** "valid" checks the number against the country's plan; "possible" only checks its length. */
  check: z.enum(['valid', 'possible']).default('valid'),
  output: z.enum(['e164', 'international', 'national']).default('e164'),
});
export type PhoneConfig = z.infer<typeof PhoneConfig>;

/**
 * Cleans what libphonenumber does not: "00 33 …" (the international prefix outside the default
 * country's own IDD), "+33 (0)1 …" (the trunk 0 written in brackets after the country code), "tel:".
 */
export function cleanPhoneText(text: string): string {
  let s = text
    .trim()
    .replace(/^tel:/i, '')
    .replace(/[\u00A0\u202F\u2009]/g, ' ');
  s = s.replace(/^\(?00\)?\s*(?=[1-9])/, '+');
  s = s.replace(/^(\+\d{1,3})\s*\(0\)\s*/, '$1 ');
  return s;
}

export function compilePhone(config: PhoneConfig): TransformFn {
  const defaultCountry = config.defaultCountry as CountryCode | undefined;
  return (value) => {
    if (isNullish(value)) return value;
    const text = asText('phone', value);
    if (text.trim() === '') return null;
    const cleaned = cleanPhoneText(text);
    const phone = parsePhoneNumberFromString(cleaned, defaultCountry ? { defaultCountry } : {});
    if (!phone) {
      const hint =
        !cleaned.startsWith('+') && !defaultCountry
          ? ' It has no +country code and the rule sets no default country.'
          : '';
      throw transformError('phone', `${quote(text)} is not a phone number.${hint}`, { reason: 'not_a_phone' });
    }
    const ok = config.check === 'valid' ? phone.isValid() : phone.isPossible();
    if (!ok)
      throw transformError(
        'phone',
        `${quote(text)} is not a ${config.check} phone number for ${phone.country ?? `+${phone.countryCallingCode}`}.`,
        { reason: 'invalid_phone' },
      );
    if (config.output === 'international') return phone.formatInternational();
    if (config.output === 'national') return phone.formatNational();
    return phone.number;
  };
}
