import countries from 'i18n-iso-countries';
// Explicit JSON imports: the package's browser entry registers no locale, and these three must
// work in the renderer exactly as in Node. Import attributes keep plain Node ESM happy too.
import de from 'i18n-iso-countries/langs/de.json' with { type: 'json' };
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };

export const COUNTRY_LANGUAGES = ['en', 'fr', 'de'] as const;

// Everyday names the CLDR-based lists lack.
const ALIASES: Record<string, string> = {
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  britain: 'GB',
  angleterre: 'GB',
  'grande bretagne': 'GB',
  holland: 'NL',
  'the netherlands': 'NL',
  'pays bas': 'NL',
  america: 'US',
  'etats unis': 'US',
  'etats unis d amerique': 'US',
  'united states of america': 'US',
  'czech republic': 'CZ',
  'south korea': 'KR',
  'north korea': 'KP',
  russia: 'RU',
  'ivory coast': 'CI',
  'cote d ivoire': 'CI',
  brd: 'DE',
  'the uk': 'GB',
  'u k': 'GB',
  'the usa': 'US',
  'u s a': 'US',
  'u s': 'US',
};

export function normalizeCountryName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

let index: Map<string, string> | undefined;

/** name (any of EN/FR/DE, official or alias, accents and case ignored), alpha-2 or alpha-3 → alpha-2. */
function countryIndex(): Map<string, string> {
  if (index) return index;
  for (const locale of [en, fr, de]) countries.registerLocale(locale);
  const map = new Map<string, string>();
  for (const lang of COUNTRY_LANGUAGES) {
    const names = countries.getNames(lang, { select: 'all' });
    for (const [code, list] of Object.entries(names)) {
      for (const name of list) {
        const key = normalizeCountryName(name);
        if (!map.has(key)) map.set(key, code);
      }
    }
  }
  for (const [alpha3, alpha2] of Object.entries(countries.getAlpha3Codes())) map.set(alpha3.toLowerCase(), alpha2);
  for (const alpha2 of Object.keys(countries.getAlpha2Codes())) map.set(alpha2.toLowerCase(), alpha2);
  for (const [name, code] of Object.entries(ALIASES)) map.set(normalizeCountryName(name), code);
  index = map;
  return map;
}

export function toCountryCode(input: string): string | undefined {
  const key = normalizeCountryName(input);
  return key ? countryIndex().get(key) : undefined;
}

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countryIndex().get(code.toLowerCase()) === code;
}

export function countryName(alpha2: string, lang: (typeof COUNTRY_LANGUAGES)[number] = 'en'): string | undefined {
  countryIndex();
  return countries.getName(alpha2, lang, { select: 'official' });
}

export function toAlpha3(alpha2: string): string | undefined {
  countryIndex();
  return countries.alpha2ToAlpha3(alpha2);
}
