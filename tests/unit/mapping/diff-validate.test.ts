import { describe, expect, it } from 'vitest';
import { FieldSchema } from '../../../shared/models/field-schema';
import { diffPayload, normalizeMatchKey, sameValue, validatePayload } from '../../../shared/mapping';
import { billingSchema } from './fixtures';

const schema = billingSchema.map((f) => FieldSchema.parse(f));

describe('diffPayload', () => {
  const payload = {
    email: 'ada@example.com',
    name: 'Ada',
    revenue: { amount: '12.50', currency: 'EUR' },
    created_at: '2024-03-31T01:30:00Z',
  };

  it('create when the match key found nothing', () => {
    expect(diffPayload(payload, null)).toEqual({
      operation: 'create',
      changedFields: ['email', 'name', 'revenue', 'created_at'],
      patch: payload,
    });
  });

  it('skip when the target holds the same values in another form', () => {
    const existing = {
      email: 'ada@example.com',
      name: 'Ada',
      revenue: { currency: 'EUR', amount: '12.5' },
      created_at: '2024-03-31T03:30:00+02:00',
      extra: 1,
    };
    expect(diffPayload(payload, existing, { targetSchema: schema })).toEqual({
      operation: 'skip',
      changedFields: [],
      patch: {},
    });
  });

  it('update lists changed fields; onlyWhenChanged fields are left out of the patch when equal', () => {
    const existing = {
      email: 'ada@example.com',
      name: 'Ada L.',
      revenue: { amount: '12.50', currency: 'EUR' },
      created_at: '2024-03-31T01:30:00Z',
    };
    const result = diffPayload(payload, existing, { onlyWhenChanged: ['email', 'revenue'], targetSchema: schema });
    expect(result.operation).toBe('update');
    expect(result.changedFields).toEqual(['name']);
    expect(result.patch).toEqual({ name: 'Ada', created_at: '2024-03-31T01:30:00Z' });
  });

  it('sameValue: numbers vs decimal strings, blanks, currency changes, arrays', () => {
    expect(sameValue(12.5, '12.50')).toBe(true);
    expect(sameValue('', null)).toBe(true);
    expect(sameValue({ amount: '1.00', currency: 'EUR' }, { amount: '1', currency: 'USD' })).toBe(false);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameValue('abc', 'ABC')).toBe(false);
  });
});

describe('validatePayload', () => {
  it('checks types, formats, required, enums and max lengths per field', () => {
    const errors = validatePayload(
      {
        external_id: 42,
        name: '',
        email: 'not-an-email',
        phone: '+33612345678',
        country: 'France',
        created_at: '2024-02-30T10:00:00Z',
        revenue: { amount: '1.234', currency: 'EUR' },
        marketing_consent: 'yes',
        tier: 'gold',
        balance: { amount: '1.00', currency: 'EUR' },
        surprise: 1,
      },
      schema,
    );
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['external_id', 'type'],
      ['name', 'required'],
      ['email', 'format'],
      ['country', 'format'],
      ['created_at', 'type'],
      ['revenue', 'type'],
      ['marketing_consent', 'type'],
      ['tier', 'enum'],
      ['balance', 'read_only'],
      ['surprise', 'unknown_field'],
    ]);
  });

  it('accepts a correct payload, money as KWD with 3 decimals or JPY with none', () => {
    const ok = {
      external_id: 'c-1',
      name: 'Ada',
      email: 'ada@example.com',
      revenue: { amount: '1.250', currency: 'KWD' },
      created_at: '2024-02-29T23:00:00+01:00',
    };
    expect(validatePayload(ok, schema)).toEqual([]);
    expect(validatePayload({ ...ok, revenue: { amount: '100', currency: 'JPY' } }, schema)).toEqual([]);
    expect(
      validatePayload({ ...ok, revenue: { amount: '100.5', currency: 'JPY' } }, schema).map((e) => e.code),
    ).toEqual(['type']);
  });

  it('counts max length in code points', () => {
    const s = [FieldSchema.parse({ name: 'n', type: 'string', maxLength: 3 })];
    expect(validatePayload({ n: '😀😀😀' }, s)).toEqual([]);
    expect(validatePayload({ n: '😀😀😀😀' }, s).map((e) => e.code)).toEqual(['max_length']);
  });
});

describe('normalizeMatchKey', () => {
  it('normalizes e-mails, phones, digits and accents', () => {
    expect(normalizeMatchKey('  Bob@Example.COM ', 'email')).toBe('bob@example.com');
    expect(normalizeMatchKey('+33 (0)1 23 45 67 89', 'phone')).toBe('+33123456789');
    expect(normalizeMatchKey('FR-12 345', 'digits')).toBe('12345');
    expect(normalizeMatchKey('Société Générale', 'alnum_lower')).toBe('societegenerale');
    expect(normalizeMatchKey('   ', 'trim')).toBeNull();
    expect(normalizeMatchKey(null, 'none')).toBeNull();
  });
});
