/**
 * A small, strict date pattern parser (no date library is bundled): "DD/MM/YYYY", "MM/DD/YYYY HH:mm",
 * "D MMMM YYYY", plus the named formats ISO, RFC2822, unix (seconds) and unix_ms.
 * Patterns compile once to a RegExp; unknown letters are a configuration error, not a silent literal.
 */

export interface ParsedDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  hasTime: boolean;
  /** Present when the text carried its own offset (Z, +02:00, GMT…): the configured zone is then ignored. */
  offsetMs?: number;
}

export type DateParseResult = { kind: 'wall'; value: ParsedDate } | { kind: 'instant'; epochMs: number } | null;

export interface DateFormat {
  pattern: string;
  /** null = the text does not have this shape; throws RangeError for the right shape with impossible values. */
  parse(text: string): DateParseResult;
}

export const NAMED_FORMATS = ['ISO', 'RFC2822', 'unix', 'unix_ms'] as const;

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

// Month names in English, French and German (long and short), built from Intl so spelling matches CLDR.
let monthNames: Map<string, number> | undefined;
function months(): Map<string, number> {
  if (monthNames) return monthNames;
  const map = new Map<string, number>();
  for (const locale of ['en', 'fr', 'de']) {
    for (const style of ['long', 'short'] as const) {
      const f = new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' });
      for (let m = 1; m <= 12; m++) map.set(monthKey(f.format(new Date(Date.UTC(2024, m - 1, 15)))), m);
    }
  }
  // Abbreviations seen in the wild that CLDR does not produce.
  // (No blind 3-letter prefixes: French "jui" could be juin or juillet.)
  const extras = {
    sept: 9,
    mrz: 3,
    maer: 3,
    mar: 3,
    jun: 6,
    jul: 7,
    sep: 9,
    dec: 12,
    janv: 1,
    fevr: 2,
    fev: 2,
    avr: 4,
    juil: 7,
    aou: 8,
    okt: 10,
    dez: 12,
    mai: 5,
  };
  for (const [name, m] of Object.entries(extras)) map.set(name, m);
  monthNames = map;
  return map;
}

function monthKey(name: string): string {
  return stripAccents(name.toLowerCase()).replace(/\./g, '').trim();
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** Range-checks a parsed date; the message names the impossible part (e.g. 29 Feb of a non-leap year). */
export function checkDate(d: ParsedDate): ParsedDate {
  const label = `${String(d.year).padStart(4, '0')}-${two(d.month)}-${two(d.day)}`;
  if (d.month < 1 || d.month > 12) throw new RangeError(`month ${d.month} is out of range 1–12`);
  const max = daysInMonth(d.year, d.month);
  if (d.day < 1 || d.day > max) {
    throw new RangeError(
      d.month === 2 && d.day === 29
        ? `${label} does not exist: ${d.year} is not a leap year`
        : `${label} does not exist: that month has ${max} days`,
    );
  }
  if (d.hour > 23 || d.minute > 59 || d.second > 59)
    throw new RangeError(`time ${two(d.hour)}:${two(d.minute)}:${two(d.second)} is out of range`);
  return d;
}

function parseOffset(text: string): number {
  if (text === 'Z' || text === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m) throw new RangeError(`offset ${text} is not ±HH:MM`);
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[2]) > 18 || Number(m[3]) > 59) throw new RangeError(`offset ${text} is out of range`);
  return (m[1] === '-' ? -minutes : minutes) * 60_000;
}

function fraction(digits: string | undefined): number {
  return digits ? Math.round(Number(`0.${digits}`) * 1000) : 0;
}

const ISO_RE =
  /^([+-]?\d{4,6})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const isoFormat: DateFormat = {
  pattern: 'ISO',
  parse(text) {
    const m = ISO_RE.exec(text);
    if (!m) return null;
    const hasTime = m[4] !== undefined;
    const offset = m[8] === undefined ? undefined : parseOffset(m[8].length === 3 ? `${m[8]}:00` : m[8].toUpperCase());
    const value = checkDate({
      year: Number(m[1]),
      month: Number(m[2]),
      day: Number(m[3]),
      hour: hasTime ? Number(m[4]) : 0,
      minute: hasTime ? Number(m[5]) : 0,
      second: m[6] ? Number(m[6]) : 0,
      ms: fraction(m[7]),
      hasTime,
    });
    if (offset !== undefined) value.offsetMs = offset;
    return { kind: 'wall', value };
  },
};

// RFC 2822 §3.3 plus its obsolete zone names (§4.3), which mail and old APIs still send.
const RFC_ZONES: Record<string, number> = {
  UT: 0,
  GMT: 0,
  Z: 0,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
};
const RFC_RE =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun),?\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[a-z]{1,3})?(?:\s*\(.*\))?$/i;
const RFC_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const rfc2822Format: DateFormat = {
  pattern: 'RFC2822',
  parse(text) {
    const m = RFC_RE.exec(text);
    if (!m) return null;
    const month = RFC_MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    if (month === 0) return null;
    let year = Number(m[3]);
    if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900; // RFC 2822 §4.3
    const zone = (m[7] ?? 'GMT').toUpperCase();
    let offsetMs: number;
    if (/^[+-]\d{4}$/.test(zone)) offsetMs = parseOffset(zone);
    else if (zone in RFC_ZONES) offsetMs = RFC_ZONES[zone]! * 3_600_000;
    else offsetMs = 0; // military single letters are "-0000" per RFC 2822 §4.3: time is UTC, zone unknown
    const value = checkDate({
      year,
      month,
      day: Number(m[1]),
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: Number(m[6] ?? 0),
      ms: 0,
      hasTime: true,
    });
    value.offsetMs = offsetMs;
    return { kind: 'wall', value };
  },
};

function unixFormat(pattern: 'unix' | 'unix_ms'): DateFormat {
  const scale = pattern === 'unix' ? 1000 : 1;
  return {
    pattern,
    parse(text) {
      if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
      const epochMs = Math.round(Number(text) * scale);
      if (!Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15)
        throw new RangeError(`${text} is outside the representable date range`);
      return { kind: 'instant', epochMs };
    },
  };
}

type Field =
  | 'year2'
  | 'year4'
  | 'month'
  | 'monthName'
  | 'day'
  | 'hour24'
  | 'hour12'
  | 'minute'
  | 'second'
  | 'fraction'
  | 'ampm'
  | 'offset';

const TOKENS: [string, Field, string][] = [
  ['YYYY', 'year4', '(\\d{4})'],
  ['MMMM', 'monthName', '([\\p{L}.]+)'],
  ['MMM', 'monthName', '([\\p{L}.]+)'],
  ['SSS', 'fraction', '(\\d{1,9})'],
  ['YY', 'year2', '(\\d{2})'],
  ['MM', 'month', '(\\d{2})'],
  ['DD', 'day', '(\\d{2})'],
  ['HH', 'hour24', '(\\d{2})'],
  ['hh', 'hour12', '(\\d{2})'],
  ['mm', 'minute', '(\\d{2})'],
  ['ss', 'second', '(\\d{2})'],
  ['ZZ', 'offset', '(Z|[+-]\\d{2}:?\\d{2})'],
  ['M', 'month', '(\\d{1,2})'],
  ['D', 'day', '(\\d{1,2})'],
  ['H', 'hour24', '(\\d{1,2})'],
  ['h', 'hour12', '(\\d{1,2})'],
  ['A', 'ampm', '([ap]\\.?m\\.?)'],
  ['a', 'ampm', '([ap]\\.?m\\.?)'],
  ['Z', 'offset', '(Z|[+-]\\d{2}:?\\d{2})'],
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function compilePattern(pattern: string): DateFormat {
  let source = '';
  const fields: Field[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) throw new Error(`Unclosed "[" in date format "${pattern}"`);
      source += escapeRegExp(pattern.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    const token = TOKENS.find(([t]) => pattern.startsWith(t, i));
    if (token) {
      fields.push(token[1]);
      source += token[2];
      i += token[0].length;
      continue;
    }
    // A bare "T" is the ISO date/time separator, common enough to accept without brackets.
    if (/\p{L}/u.test(c) && c !== 'T') {
      throw new Error(
        `Unknown token "${c}" at position ${i} of date format "${pattern}"; use YYYY YY MM M MMM MMMM DD D HH H hh h mm ss SSS A Z, [text] for literals, or one of ${NAMED_FORMATS.join(', ')}`,
      );
    }
    source += /\s/.test(c) ? '\\s+' : escapeRegExp(c);
    i++;
  }
  const has = (f: Field) => fields.includes(f);
  if (!(has('year4') || has('year2')) || !(has('month') || has('monthName')) || !has('day')) {
    throw new Error(`Date format "${pattern}" needs a year (YYYY), a month (MM or MMM) and a day (DD)`);
  }
  if (has('hour12') !== has('ampm'))
    throw new Error(`Date format "${pattern}": 12-hour "hh" needs an AM/PM marker "A" (or use 24-hour "HH")`);
  if (new Set(fields).size !== fields.length) throw new Error(`Date format "${pattern}" repeats a field`);
  const re = new RegExp(`^${source}$`, 'iu');

  return {
    pattern,
    parse(text) {
      const m = re.exec(text);
      if (!m) return null;
      const d: ParsedDate = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, ms: 0, hasTime: false };
      let pm: boolean | undefined;
      fields.forEach((field, index) => {
        const raw = m[index + 1]!;
        switch (field) {
          case 'year4':
            d.year = Number(raw);
            break;
          case 'year2': {
            const yy = Number(raw);
            d.year = yy < 70 ? 2000 + yy : 1900 + yy; // POSIX strptime pivot
            break;
          }
          case 'month':
            d.month = Number(raw);
            break;
          case 'monthName': {
            const month = months().get(monthKey(raw));
            if (!month) throw new RangeError(`"${raw}" is not a month name (English, French or German)`);
            d.month = month;
            break;
          }
          case 'day':
            d.day = Number(raw);
            break;
          case 'hour24':
          case 'hour12':
            d.hour = Number(raw);
            d.hasTime = true;
            break;
          case 'minute':
            d.minute = Number(raw);
            break;
          case 'second':
            d.second = Number(raw);
            break;
          case 'fraction':
            d.ms = fraction(raw);
            break;
          case 'ampm':
            pm = raw.toLowerCase().startsWith('p');
            break;
          case 'offset':
            d.offsetMs = parseOffset(raw.toUpperCase());
            break;
        }
      });
      if (pm !== undefined) {
        if (d.hour < 1 || d.hour > 12) throw new RangeError(`hour ${d.hour} is out of range 1–12 for a 12-hour clock`);
        d.hour = (d.hour % 12) + (pm ? 12 : 0);
      }
      return { kind: 'wall', value: checkDate(d) };
    },
  };
}

/** Compile a format name or pattern; throws Error with a message fit for the user on a bad pattern. */
export function compileDateFormat(pattern: string): DateFormat {
  switch (pattern) {
    case 'ISO':
      return isoFormat;
    case 'RFC2822':
      return rfc2822Format;
    case 'unix':
    case 'unix_ms':
      return unixFormat(pattern);
    default:
      return compilePattern(pattern);
  }
}
