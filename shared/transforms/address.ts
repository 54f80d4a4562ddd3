import { z } from 'zod';
import { collapseSpaces } from './text';
import { countryName, isCountryCode, toAlpha3, toCountryCode } from './countries';
import { isNullish, quote, transformError, type TransformFn } from './types';
import { errorMessage } from '../error-message';

export interface Address {
  street: string | null;
  city: string | null;
  postalCode: string | null;
  region?: string | null;
  country: string | null;
}

const Alpha2 = z
  .string()
  .transform((c) => c.trim().toUpperCase())
  .refine(isCountryCode, { message: 'not an ISO 3166-1 alpha-2 code (e.g. FR, DE, US)' });

/**
 * Address normalization. parse: one line → {street, city, postalCode, region, country} (or one
 * `pick`ed part, so several rules can fill separate target fields); format: object → one line;
 * normalize: object → object with tidy parts and an alpha-2 country.
 */
export const AddressConfig = z.object({
  kind: z.literal('address'),
  mode: z.enum(['parse', 'format', 'normalize']),
  defaultCountry: Alpha2.optional(),
  pick: z.enum(['street', 'city', 'postalCode', 'region', 'country']).optional(),
  countryStyle: z.enum(['alpha2', 'name']).default('alpha2'),
});
export type AddressConfig = z.infer<typeof AddressConfig>;

/** Country names (EN/FR/DE, any case/accents), alpha-3 or alpha-2 → alpha-2. */
export const CountryConfig = z.object({
  kind: z.literal('country'),
  output: z.enum(['alpha2', 'alpha3', 'name']).default('alpha2'),
  unknown: z.enum(['error', 'null', 'keep']).default('error'),
});
export type CountryConfig = z.infer<typeof CountryConfig>;

export function compileCountry(config: CountryConfig): TransformFn {
  return (value) => {
    if (isNullish(value)) return value;
    if (typeof value !== 'string')
      throw transformError('country', `The country transform expects text, got ${quote(value)}.`);
    if (value.trim() === '') return null;
    const code = toCountryCode(value);
    if (!code) {
      if (config.unknown === 'null') return null;
      if (config.unknown === 'keep') return value;
      throw transformError(
        'country',
        `${quote(value)} is not a country name or code this app knows (English, French or German names).`,
        { reason: 'unknown_country' },
      );
    }
    if (config.output === 'alpha3') return toAlpha3(code) ?? code;
    if (config.output === 'name') return countryName(code) ?? code;
    return code;
  };
}

const UK_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$/i;
const CA_POSTCODE = /^([A-Z]\d[A-Z])\s*(\d[A-Z]\d)$/i;
// Postcode written before the city: FR/DE/IT/ES 5 digits, CH/AT/BE/DK 4, NL "1012 AB", PL "00-950", SE/CZ "114 55".
const POSTCODE_FIRST = /^(\d{4}\s?[A-Z]{2}|\d{2}-\d{3}|\d{3}\s\d{2}|\d{4,5})\s+(\D.*)$/i;
// North-American "CA 94043" / "ON K1A 0B1" after the city.
const REGION_POSTCODE = /^([A-Z]{2})\s+(\d{5}(?:-\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d)$/i;

function tidyPostcode(code: string): string {
  const upper = code.toUpperCase().replace(/\s+/g, ' ').trim();
  const uk = UK_POSTCODE.exec(upper) ?? CA_POSTCODE.exec(upper);
  return uk ? `${uk[1]} ${uk[2]}` : upper;
}

export function parseAddressLine(line: string, defaultCountry?: string): Address {
  const parts = collapseSpaces(line)
    .split(/\s*[,;\n]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new Error('it is empty');
  let country: string | null = null;
  const lastCountry = parts.length > 1 ? toCountryCode(parts[parts.length - 1]!) : undefined;
  if (lastCountry) {
    country = lastCountry;
    parts.pop();
  } else {
    country = defaultCountry ?? null;
  }
  let city: string | null = null;
  let postalCode: string | null = null;
  let region: string | null = null;
  let cityIndex = -1;
  for (let i = parts.length - 1; i >= 1 && cityIndex < 0; i--) {
    const part = parts[i]!;
    let m: RegExpExecArray | null;
    if ((m = REGION_POSTCODE.exec(part)) && i >= 2) {
      region = m[1]!.toUpperCase();
      postalCode = tidyPostcode(m[2]!);
      city = parts[i - 1]!;
      cityIndex = i - 1;
      parts.splice(i, 1);
    } else if ((m = POSTCODE_FIRST.exec(part))) {
      postalCode = tidyPostcode(m[1]!);
      city = m[2]!;
      cityIndex = i;
    } else if ((m = /^(.+?)\s+([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|\d{4,6})$/i.exec(part))) {
      // Postcode after the city: UK "London SW1A 2AA", or "Springfield 12345".
      city = m[1]!;
      postalCode = tidyPostcode(m[2]!);
      cityIndex = i;
    } else if (UK_POSTCODE.test(part) || /^\d{4,6}$/.test(part)) {
      postalCode = tidyPostcode(part);
      if (i >= 2) {
        city = parts[i - 1]!;
        cityIndex = i - 1;
        parts.splice(i, 1);
      }
    }
  }
  if (cityIndex < 0) {
    if (parts.length < 2)
      throw new Error('no city or postal code found; write it as "street, postal code city, country"');
    cityIndex = parts.length - 1;
    city = parts[cityIndex]!;
  }
  const street = parts.slice(0, cityIndex).join(', ') || null;
  return { street, city, postalCode, ...(region ? { region } : {}), country };
}

const KEY_ALIASES: Record<keyof Address, string[]> = {
  street: [
    'street',
    'line1',
    'address1',
    'address_line1',
    'addressLine1',
    'street_address',
    'streetAddress',
    'address',
  ],
  city: ['city', 'town', 'locality'],
  postalCode: ['postalCode', 'postal_code', 'postcode', 'zip', 'zipCode', 'zip_code'],
  region: ['region', 'state', 'province', 'county'],
  country: ['country', 'countryCode', 'country_code'],
};

function readAddress(value: Record<string, unknown>): Address {
  const pick = (key: keyof Address): string | null => {
    for (const alias of KEY_ALIASES[key]) {
      const v = value[alias];
      if (!isNullish(v) && String(v).trim() !== '') return collapseSpaces(String(v));
    }
    return null;
  };
  const line2 = value.line2 ?? value.address2 ?? value.address_line2;
  const street = pick('street');
  return {
    street: street && typeof line2 === 'string' && line2.trim() ? `${street}, ${collapseSpaces(line2)}` : street,
    city: pick('city'),
    postalCode: pick('postalCode'),
    region: pick('region'),
    country: pick('country'),
  };
}

export function formatAddressLine(address: Address, countryStyle: 'alpha2' | 'name' = 'name'): string {
  const country = address.country
    ? countryStyle === 'name'
      ? (countryName(address.country) ?? address.country)
      : address.country
    : null;
  const join = (...xs: (string | null | undefined)[]) => xs.filter((x) => x).join(' ');
  let locality: string;
  if (['US', 'CA', 'AU'].includes(address.country ?? ''))
    locality = [address.city, join(address.region, address.postalCode)].filter(Boolean).join(', ');
  else if (address.country === 'GB') locality = join(address.city, address.postalCode);
  else locality = join(address.postalCode, address.city);
  return [address.street, locality, country].filter((x) => x).join(', ');
}

export function compileAddress(config: AddressConfig): TransformFn {
  const countryOf = (raw: string | null, input: unknown): string | null => {
    if (!raw) return config.defaultCountry ?? null;
    const code = toCountryCode(raw);
    if (!code)
      throw transformError('address', `The country ${quote(raw)} of address ${quote(input)} is not a known country.`, {
        reason: 'unknown_country',
      });
    return code;
  };
  const finish = (address: Address): unknown => {
    const out: Address = { ...address, postalCode: address.postalCode ? tidyPostcode(address.postalCode) : null };
    if (config.countryStyle === 'name' && out.country) out.country = countryName(out.country) ?? out.country;
    return config.pick ? (out[config.pick] ?? null) : out;
  };
  return (value) => {
    if (isNullish(value)) return value;
    if (config.mode === 'parse') {
      if (typeof value !== 'string')
        throw transformError('address', `Address parse expects one line of text, got ${quote(value)}.`);
      if (value.trim() === '') return null;
      try {
        return finish(parseAddressLine(value, config.defaultCountry));
      } catch (error) {
        throw transformError('address', `Cannot read address ${quote(value)}: ${errorMessage(error)}.`, {
          reason: 'unparseable_address',
        });
      }
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw transformError(
        'address',
        `Address ${config.mode} expects an address object {street, city, postalCode, country}, got ${quote(value)}.`,
      );
    }
    const address = readAddress(value as Record<string, unknown>);
    address.country = countryOf(address.country, value);
    if (!address.region) delete address.region;
    if (config.mode === 'format')
      return formatAddressLine(
        { ...address, postalCode: address.postalCode && tidyPostcode(address.postalCode) },
        config.countryStyle,
      );
    return finish(address);
  };
}
