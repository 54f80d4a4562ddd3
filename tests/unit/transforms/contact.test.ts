import { describe, expect, it } from 'vitest';
import { fails, run } from './helpers';

describe('phone → E.164', () => {
  const fr = { kind: 'phone', defaultCountry: 'FR' };

  it('reads national, "00" international, "+33 (0)" and dotted formats', async () => {
    expect(await run(fr, '01 23 45 67 89')).toBe('+33123456789');
    expect(await run(fr, '00 33 1 23 45 67 89')).toBe('+33123456789');
    expect(await run(fr, '+33 (0)1 23 45 67 89')).toBe('+33123456789');
    expect(await run(fr, '06.12.34.56.78')).toBe('+33612345678');
    expect(await run(fr, 'tel:+44\u00A020 7946 0958')).toBe('+442079460958');
  });

  it('"00 …" works even when the default country dials out with 011', async () => {
    expect(await run({ kind: 'phone', defaultCountry: 'US' }, '00 33 1 23 45 67 89')).toBe('+33123456789');
    expect(await run({ kind: 'phone', defaultCountry: 'US' }, '(212) 555-0142')).toBe('+12125550142');
    expect(await run({ kind: 'phone', defaultCountry: 'US' }, '011 49 30 901820')).toBe('+4930901820');
  });

  it('numbers as JS numbers and other output styles', async () => {
    expect(await run({ kind: 'phone' }, '+4930901820')).toBe('+4930901820');
    expect(await run({ ...fr, output: 'international' }, '0123456789')).toBe('+33 1 23 45 67 89');
    expect(await run({ ...fr, output: 'national' }, '+33123456789')).toBe('01 23 45 67 89');
  });

  it('invalid numbers are typed errors; blank is null', async () => {
    await fails(fr, 'hello', 'transform_error', 'not_a_phone');
    await fails(fr, '12', 'transform_error', 'invalid_phone');
    await fails(fr, '01 23', 'transform_error', 'invalid_phone');
    expect(await fails({ kind: 'phone' }, '01 23 45 67 89', 'transform_error', 'not_a_phone')).toMatch(
      /no default country/,
    );
    expect(await run(fr, ' ')).toBeNull();
    expect(await fails({ kind: 'phone', defaultCountry: 'XX' }, '1', 'transform_error')).toMatch(/defaultCountry/);
  });
});

describe('email normalization', () => {
  it('trims, unwraps display names and mailto:, lowercases', async () => {
    expect(await run({ kind: 'email' }, '  Marie.Curie@Example.FR\u00A0')).toBe('marie.curie@example.fr');
    expect(await run({ kind: 'email' }, '"Curie, Marie" <Marie@Example.fr>')).toBe('marie@example.fr');
    expect(await run({ kind: 'email' }, 'mailto:Bob@x.io')).toBe('bob@x.io');
    expect(await run({ kind: 'email', lowercase: 'domain' }, 'Bob.Smith@EXAMPLE.com')).toBe('Bob.Smith@example.com');
  });

  it('rejects invalid addresses, or nulls/keeps them by policy', async () => {
    for (const bad of [
      'bob@',
      'bob@localhost',
      'bob..smith@x.com',
      '.bob@x.com',
      'bob@-x.com',
      'bob@x.c',
      'a b@x.com',
    ]) {
      await fails({ kind: 'email' }, bad, 'transform_error', 'invalid_email');
    }
    expect(await run({ kind: 'email', onInvalid: 'null' }, 'nope')).toBeNull();
    expect(await run({ kind: 'email', onInvalid: 'keep' }, 'Nope')).toBe('Nope');
    expect(await run({ kind: 'email' }, "o'brien+crm@sub.example.co.uk")).toBe("o'brien+crm@sub.example.co.uk");
  });
});

describe('boolean coercion', () => {
  const step = { kind: 'boolean' };
  it('reads yes/no in English, French and German, 1/0 and true/false', async () => {
    for (const yes of ['yes', 'Y', '1', 'TRUE', 'oui', 'Ja', 'on', 'x', 'vrai'])
      expect(await run(step, yes)).toBe(true);
    for (const no of ['no', 'N', '0', 'false', 'Non', 'nein', 'off', 'faux']) expect(await run(step, no)).toBe(false);
    expect(await run(step, 1)).toBe(true);
    expect(await run(step, 0)).toBe(false);
    expect(await run(step, true)).toBe(true);
  });

  it('blank handling and custom words', async () => {
    expect(await run(step, '')).toBeNull();
    expect(await run({ kind: 'boolean', empty: 'false' }, ' ')).toBe(false);
    await fails({ kind: 'boolean', empty: 'error' }, '', 'transform_error', 'empty');
    expect(await run({ kind: 'boolean', trueValues: ['Subscribed'] }, 'subscribed')).toBe(true);
  });

  it('anything else is a typed error', async () => {
    await fails(step, 'maybe', 'transform_error', 'not_boolean');
    await fails(step, 2, 'transform_error', 'not_boolean');
  });
});
