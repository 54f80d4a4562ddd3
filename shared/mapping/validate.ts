import Big from 'big.js';
import type { FieldFormat, FieldSchema } from '../models/field-schema';
import { isCountryCode } from '../transforms/countries';
import { isCurrencyCode, minorUnitExponent } from '../transforms/currencies';
import { checkDate } from '../transforms/date-format';
import { isValidEmail } from '../transforms/email';
import type { FieldError } from './types';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const E164 = /^\+[1-9]\d{6,14}$/;

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function validCalendar(y: string, m: string, d: string, hh = '0', mm = '0', ss = '0'): boolean {
  try {
    checkDate({
      year: Number(y),
      month: Number(m),
      day: Number(d),
      hour: Number(hh),
      minute: Number(mm),
      second: Number(ss ?? 0),
      ms: 0,
      hasTime: true,
    });
    return true;
  } catch {
    return false;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/** null when the value has the field's type, else the reason. */
function typeProblem(field: FieldSchema, value: unknown): string | null {
  switch (field.type) {
    case 'string':
      return typeof value === 'string' ? null : `expects text, got ${describe(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `expects a number, got ${describe(value)}`;
    case 'integer':
      return Number.isInteger(value) ? null : `expects a whole number, got ${describe(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `expects true/false, got ${describe(value)}`;
    case 'date': {
      const m = typeof value === 'string' ? DATE.exec(value) : null;
      return m && validCalendar(m[1]!, m[2]!, m[3]!) ? null : `expects a date YYYY-MM-DD, got ${describe(value)}`;
    }
    case 'datetime': {
      const m = typeof value === 'string' ? DATETIME.exec(value) : null;
      return m && validCalendar(m[1]!, m[2]!, m[3]!, m[4], m[5], m[6])
        ? null
        : `expects an ISO 8601 date-time with offset, got ${describe(value)}`;
    }
    case 'money':
      return moneyProblem(field, value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? null
        : `expects an object, got ${describe(value)}`;
    case 'array':
      return Array.isArray(value) ? null : `expects a list, got ${describe(value)}`;
  }
}

/** Money targets take {amount, currency}, a decimal string ("decimal") or integer minor units. */
function moneyProblem(field: FieldSchema, value: unknown): string | null {
  if (field.format === 'minor_units')
    return Number.isSafeInteger(value) ? null : `expects integer minor units, got ${describe(value)}`;
  if (typeof value === 'string')
    return DECIMAL.test(value) ? null : `expects a decimal amount like "1234.50", got ${describe(value)}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return `expects {amount, currency}, got ${describe(value)}`;
  const { amount, currency } = value as { amount?: unknown; currency?: unknown };
  if (typeof amount !== 'string' || !DECIMAL.test(amount))
    return `expects a decimal string amount, got ${describe(amount)}`;
  if (typeof currency !== 'string' || !isCurrencyCode(currency))
    return `expects an ISO 4217 currency, got ${describe(currency)}`;
  const decimals = amount.split('.')[1]?.length ?? 0;
  const exponent = minorUnitExponent(currency);
  if (decimals > exponent && !new Big(amount).round(exponent).eq(new Big(amount)))
    return `${currency} has ${exponent} decimals, got ${amount}`;
  return null;
}

function formatProblem(format: FieldFormat, value: unknown): string | null {
  if (typeof value !== 'string') return null; // non-text values were already type-checked
  switch (format) {
    case 'email':
      return isValidEmail(value) ? null : `${describe(value)} is not a valid e-mail address`;
    case 'phone':
      return E164.test(value)
        ? null
        : `${describe(value)} is not an E.164 phone number (+33123456789); add a phone transform`;
    case 'url':
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:'
          ? null
          : `${describe(value)} is not an http(s) URL`;
      } catch {
        return `${describe(value)} is not a URL`;
      }
    case 'country':
      return isCountryCode(value)
        ? null
        : `${describe(value)} is not an ISO 3166-1 alpha-2 country code; add a country transform`;
    case 'currency':
      return isCurrencyCode(value) ? null : `${describe(value)} is not an ISO 4217 currency code`;
    case 'postal_code':
      return /^[A-Z0-9][A-Z0-9 -]{1,9}$/i.test(value) ? null : `${describe(value)} is not a postal code`;
    case 'uuid':
      return UUID.test(value) ? null : `${describe(value)} is not a UUID`;
    case 'decimal':
      return DECIMAL.test(value) ? null : `${describe(value)} is not a decimal number like "1234.50"`;
    case 'minor_units':
      return /^-?\d+$/.test(value) ? null : `${describe(value)} is not integer minor units`;
  }
}

export interface ValidateOptions {
  /** Fields whose emptiness is already explained (their rule failed): no second "required" error. */
  skipRequired?: ReadonlySet<string>;
}

/** Per-field errors of a payload against the target resource's schema (types, formats, required, enums, max lengths). */
export function validatePayload(
  payload: Record<string, unknown>,
  targetSchema: readonly FieldSchema[],
  options: ValidateOptions = {},
): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set<string>();
  for (const field of targetSchema) {
    known.add(field.name);
    const value = payload[field.name];
    const present = Object.prototype.hasOwnProperty.call(payload, field.name);
    if (isBlank(value)) {
      if (field.required && !field.readOnly && !options.skipRequired?.has(field.name)) {
        errors.push({ field: field.name, code: 'required', message: `${field.name} is required but empty.` });
      }
      continue;
    }
    if (present && field.readOnly) {
      errors.push({
        field: field.name,
        code: 'read_only',
        message: `${field.name} is read-only in the target and cannot be written.`,
      });
      continue;
    }
    const typeIssue = typeProblem(field, value);
    if (typeIssue) {
      errors.push({ field: field.name, code: 'type', message: `${field.name} ${typeIssue}.` });
      continue;
    }
    if (field.format) {
      const formatIssue = formatProblem(field.format, value);
      if (formatIssue) errors.push({ field: field.name, code: 'format', message: `${field.name}: ${formatIssue}.` });
    }
    if (field.enum && !field.enum.includes(String(value))) {
      const shown = field.enum.length > 8 ? `${field.enum.slice(0, 8).join(', ')}, …` : field.enum.join(', ');
      errors.push({
        field: field.name,
        code: 'enum',
        message: `${field.name}: ${describe(value)} is not one of ${shown}; add a lookup transform.`,
      });
    }
    if (field.maxLength !== undefined && typeof value === 'string') {
      const length = [...value].length; // code points: an emoji counts once, as most APIs count it
      if (length > field.maxLength) {
        errors.push({
          field: field.name,
          code: 'max_length',
          message: `${field.name} is ${length} characters long, the target accepts at most ${field.maxLength}.`,
        });
      }
    }
  }
  for (const name of Object.keys(payload)) {
    if (!known.has(name))
      errors.push({ field: name, code: 'unknown_field', message: `${name} is not a field of the target resource.` });
  }
  return errors;
}
