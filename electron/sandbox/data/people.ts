import { intIn, pick, unit } from '../common/rng';

/**
 * Deterministic, realistically messy people: five countries, accents, shouting surnames, phones in
 * each country's several habitual formats, addresses sometimes on one line, dates in three formats,
 * amounts with either decimal separator, and duplicates that differ only by e-mail case.
 *
 * E-mail local parts end with the record index (`marie.dupont42@…`) so a lookup by e-mail on a
 * 1,000,000-record seed is O(1): parse the number, check that record and its duplicate.
 */
export type Country = 'FR' | 'DE' | 'US' | 'GB' | 'BE';
export const COUNTRIES: readonly Country[] = ['FR', 'DE', 'US', 'GB', 'BE'];

const FIRST: Record<Country, string[]> = {
  FR: ['Marie', 'Jean', 'Zoé', 'Théo', 'Camille', 'Léa', 'François', 'Hélène', 'Noël', 'Inès'],
  DE: ['Jürgen', 'Anna', 'Lukas', 'Jörg', 'Sophie', 'Maximilian', 'Grete', 'Felix', 'Uwe', 'Lena'],
  US: ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Ashley'],
  GB: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Ava', 'Siobhan', 'Noah', 'Freya', 'Alfie'],
  BE: ['Lucas', 'Emma', 'Arthur', 'Louise', 'Jules', 'Elise', 'Wout', 'Fien', 'Maël', 'Anaïs'],
};
const LAST: Record<Country, string[]> = {
  FR: [
    'Dupont',
    'Lefèvre',
    'Martin',
    'Dubois-Martin',
    'Bernard',
    'Rousseau',
    'Girard',
    "D'Almeida",
    'Faure',
    'Mercier',
  ],
  DE: ['Müller', 'Schmidt', 'Weiß', 'Schröder', 'Becker', 'Groß', 'Hoffmann', 'Krüger', 'Schäfer', 'Neumann'],
  US: ['Smith', 'Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Wilson'],
  GB: ["O'Brien", 'Taylor', 'Davies', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Hughes', 'Edwards'],
  BE: ['Peeters', 'Janssens', 'Van den Berg', 'Maes', 'Jacobs', 'De Smet', 'Dubois', 'Lambert', 'Claes', 'Goossens'],
};
const DOMAIN: Record<Country, string> = {
  FR: 'example.fr',
  DE: 'example.de',
  US: 'example.com',
  GB: 'example.co.uk',
  BE: 'example.be',
};
const COUNTRY_NAME: Record<Country, string[]> = {
  FR: ['France', 'FR', 'france'],
  DE: ['Germany', 'Deutschland', 'DE'],
  US: ['United States', 'USA', 'US'],
  GB: ['United Kingdom', 'UK', 'GB'],
  BE: ['Belgium', 'Belgique', 'BE'],
};
const CITY: Record<Country, Array<[string, string, string]>> = {
  // [city, postal code, street]
  FR: [
    ['Paris', '75002', 'rue de la Paix'],
    ['Lyon', '69002', 'rue de la République'],
    ['Lille', '59000', 'rue Nationale'],
  ],
  DE: [
    ['Berlin', '10115', 'Invalidenstraße'],
    ['München', '80331', 'Kaufingerstraße'],
    ['Köln', '50667', 'Hohe Straße'],
  ],
  US: [
    ['Springfield', '62701', 'Main Street'],
    ['Austin', '78701', 'Congress Ave'],
    ['Portland', '97205', 'SW Broadway'],
  ],
  GB: [
    ['London', 'SW1A 1AA', 'Whitehall'],
    ['Manchester', 'M1 1AE', 'Market Street'],
    ['Leeds', 'LS1 4DY', 'Briggate'],
  ],
  BE: [
    ['Bruxelles', '1000', 'Rue Neuve'],
    ['Antwerpen', '2000', 'Meir'],
    ['Liège', '4000', 'Rue Léopold'],
  ],
};
export const US_STATES = ['IL', 'TX', 'OR'];

export interface Person {
  index: number;
  country: Country;
  firstname: string;
  lastname: string;
  email: string;
  phone: string;
  /** Set when the address is given as one free-text line (split fields then empty). */
  addressOneLine: string | null;
  line1: string;
  city: string;
  zip: string;
  state: string;
  countryLabel: string;
  /** Same calendar date in one of three formats: ISO, DD/MM/YYYY, or epoch-ms string (HubSpot date). */
  customerSince: string;
  /** A money amount as a string, with '.' or ',' as decimal separator. */
  lifetimeValue: string;
  /** Index of the record this one duplicates (same person, e-mail differing by case), else null. */
  duplicateOf: number | null;
}

/** Every 40th record (index ≡ 39 mod 40) duplicates the previous one. */
export function duplicateOf(i: number): number | null {
  return i % 40 === 39 ? i - 1 : null;
}

export function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

function digits(seed: number, kind: string, i: number, salt: number, n: number): string {
  let s = '';
  for (let k = 0; k < n; k++) s += String(Math.floor(unit(seed, kind, i, salt + k) * 10));
  return s;
}

export function phoneFor(country: Country, seed: number, kind: string, i: number): string {
  const u = unit(seed, kind, i, 40);
  if (u < 0.05) return '';
  const f = Math.floor(unit(seed, kind, i, 41) * 4);
  const d = digits(seed, kind, i, 50, 9);
  switch (country) {
    case 'FR': {
      const n = `${1 + (Number(d[0]) % 5)}${d.slice(1, 9)}`; // 1..5 = geographic
      const pairs = n.slice(1).match(/../g)!.join(' ');
      return [`0${n[0]} ${pairs}`, `+33 ${n[0]} ${pairs}`, `0033${n}`, `0${n[0]}.${pairs.replace(/ /g, '.')}`][f]!;
    }
    case 'DE': {
      const sub = d.slice(0, 8);
      return [`030 ${sub}`, `+49 30 ${sub}`, `0049 30 ${sub}`, `(030) ${sub.slice(0, 4)}-${sub.slice(4)}`][f]!;
    }
    case 'US': {
      // 555-01xx numbers are reserved for fiction in the North American plan.
      const n = `01${d[0]}`;
      const line = d.slice(1, 5);
      return [`(555) ${n}-${line}`, `+1 555-${n}-${line}`, `555.${n}.${line}`, `1-555-${n}-${line}`][f]!;
    }
    case 'GB': {
      const tail = `0${d.slice(0, 3)}`;
      return [`020 7946 ${tail}`, `+44 20 7946 ${tail}`, `0044 20 7946 ${tail}`, `(020) 7946 ${tail}`][f]!;
    }
    case 'BE': {
      const n = d.slice(0, 7);
      const g = `${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)}`;
      return [`02 ${g}`, `+32 2 ${g}`, `0032 2 ${g}`, `02/${n.slice(0, 3)}.${n.slice(3, 5)}.${n.slice(5)}`][f]!;
    }
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function messyDate(ms: number, u: number): string {
  const d = new Date(Math.floor(ms / 86_400_000) * 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  if (u < 0.4) return iso;
  if (u < 0.7) return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  return String(d.getTime()); // HubSpot date properties: midnight UTC, epoch milliseconds
}

export function person(seed: number, kind: string, i: number): Person {
  const dup = duplicateOf(i);
  if (dup !== null) {
    const base = person(seed, kind, dup);
    // Same human, entered twice: e-mail typed with capitals, phone in another format.
    const [local, domain] = base.email.split('@') as [string, string];
    const shouted = local.replace(/(^|\.)([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
    return {
      ...base,
      index: i,
      email: `${shouted}@${domain.toUpperCase()}`,
      phone: phoneFor(base.country, seed, kind, i),
      duplicateOf: dup,
    };
  }
  const country = pick(COUNTRIES, unit(seed, kind, i, 1));
  let firstname = pick(FIRST[country], unit(seed, kind, i, 2));
  let lastname = pick(LAST[country], unit(seed, kind, i, 3));
  const email = `${asciiFold(firstname)}.${asciiFold(lastname)}${i}@${DOMAIN[country]}`;
  const mess = unit(seed, kind, i, 4);
  if (country === 'FR' && mess < 0.3) lastname = lastname.toUpperCase();
  else if (mess > 0.95) firstname = `${firstname} `; // trailing space, as typed
  const [city, zip, street] = pick(CITY[country], unit(seed, kind, i, 5));
  const no = intIn(1, 180, unit(seed, kind, i, 6));
  const line1 = country === 'FR' || country === 'US' || country === 'GB' ? `${no} ${street}` : `${street} ${no}`;
  const countryLabel = pick(COUNTRY_NAME[country], unit(seed, kind, i, 7));
  const state = country === 'US' ? US_STATES[CITY.US.findIndex((c) => c[0] === city)]! : '';
  const oneLine =
    unit(seed, kind, i, 8) < 0.3 ? `${line1}, ${zip} ${city}${state ? `, ${state}` : ''}, ${countryLabel}` : null;
  const sinceMs = Date.UTC(2015, 0, 1) + Math.floor(unit(seed, kind, i, 9) * 3000) * 86_400_000;
  const cents = intIn(0, 500_000, unit(seed, kind, i, 10));
  const lv = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return {
    index: i,
    country,
    firstname,
    lastname,
    email,
    phone: phoneFor(country, seed, kind, i),
    addressOneLine: oneLine,
    line1: oneLine ? '' : line1,
    city: oneLine ? '' : city,
    zip: oneLine ? '' : zip,
    state: oneLine ? '' : state,
    countryLabel: oneLine ? '' : countryLabel,
    customerSince: messyDate(sinceMs, unit(seed, kind, i, 11)),
    lifetimeValue: country === 'US' || country === 'GB' || unit(seed, kind, i, 12) < 0.5 ? lv : lv.replace('.', ','),
    duplicateOf: null,
  };
}

/** Indices whose generated e-mail may equal `email` (case-insensitively): the number in it, and its duplicate. */
export function emailCandidates(email: string): number[] {
  const m = /(\d+)@/.exec(email);
  if (!m) return [];
  const k = Number(m[1]);
  return duplicateOf(k + 1) === k ? [k, k + 1] : [k];
}
