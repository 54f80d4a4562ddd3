import { describe, expect, it } from 'vitest';
import { toCountryCode } from '../../../shared/transforms/countries';
import { fails, run } from './helpers';

describe('country names → ISO 3166-1 alpha-2', () => {
  it('English, French and German names, any case and accents; alpha-3 and aliases', async () => {
    const cases: [string, string][] = [
      ['France', 'FR'],
      ['Allemagne', 'DE'],
      ['Deutschland', 'DE'],
      ['germany', 'DE'],
      ['États-Unis', 'US'],
      ['etats unis', 'US'],
      ['Vereinigte Staaten', 'US'],
      ['United Kingdom', 'GB'],
      ['Royaume-Uni', 'GB'],
      ['UK', 'GB'],
      ['Schweiz', 'CH'],
      ['Suisse', 'CH'],
      ['Österreich', 'AT'],
      ['Espagne', 'ES'],
      ['DEU', 'DE'],
      ['fr', 'FR'],
      ['Holland', 'NL'],
      ['Côte d’Ivoire', 'CI'],
    ];
    for (const [name, code] of cases) expect([name, toCountryCode(name)]).toEqual([name, code]);
    expect(await run({ kind: 'country', output: 'alpha3' }, 'Allemagne')).toBe('DEU');
    expect(await run({ kind: 'country', output: 'name' }, 'Allemagne')).toBe('Germany');
  });

  it('unknown names follow the policy', async () => {
    await fails({ kind: 'country' }, 'Atlantis', 'transform_error', 'unknown_country');
    expect(await run({ kind: 'country', unknown: 'null' }, 'Atlantis')).toBeNull();
    expect(await run({ kind: 'country', unknown: 'keep' }, 'Atlantis')).toBe('Atlantis');
  });
});

describe('address parse (one line → parts)', () => {
  const parse = { kind: 'address', mode: 'parse' };

  it('French, German, UK, US and Dutch shapes', async () => {
    expect(await run(parse, '12 rue de la Paix, 75002 Paris, France')).toEqual({
      street: '12 rue de la Paix',
      city: 'Paris',
      postalCode: '75002',
      country: 'FR',
    });
    expect(await run(parse, 'Unter den Linden 77, 10117 Berlin, Deutschland')).toEqual({
      street: 'Unter den Linden 77',
      city: 'Berlin',
      postalCode: '10117',
      country: 'DE',
    });
    expect(await run(parse, '10 Downing Street, London sw1a 2aa, Royaume-Uni')).toEqual({
      street: '10 Downing Street',
      city: 'London',
      postalCode: 'SW1A 2AA',
      country: 'GB',
    });
    expect(await run(parse, '1600 Amphitheatre Pkwy, Mountain View, CA 94043, USA')).toEqual({
      street: '1600 Amphitheatre Pkwy',
      city: 'Mountain View',
      postalCode: '94043',
      region: 'CA',
      country: 'US',
    });
    expect(await run(parse, 'Dam 1, 1012 JS Amsterdam, Pays-Bas')).toEqual({
      street: 'Dam 1',
      city: 'Amsterdam',
      postalCode: '1012 JS',
      country: 'NL',
    });
  });

  it('uses the default country when the line names none, and can pick one part', async () => {
    expect(await run({ ...parse, defaultCountry: 'fr' }, '5  avenue Anatole France,\u00A069007 Lyon')).toEqual({
      street: '5 avenue Anatole France',
      city: 'Lyon',
      postalCode: '69007',
      country: 'FR',
    });
    expect(await run({ ...parse, pick: 'postalCode' }, '12 rue de la Paix, 75002 Paris, France')).toBe('75002');
    expect(
      await run({ ...parse, pick: 'country', countryStyle: 'name' }, '12 rue de la Paix, 75002 Paris, France'),
    ).toBe('France');
  });

  it('an address without a city is a typed error', async () => {
    await fails(parse, 'somewhere', 'transform_error', 'unparseable_address');
  });
});

describe('address format / normalize (parts → one line / tidy parts)', () => {
  it('formats per country convention', async () => {
    const fmt = { kind: 'address', mode: 'format', countryStyle: 'name' };
    expect(
      await run(fmt, { street: '12 rue de la Paix', city: 'Paris', postal_code: '75002', country: 'France' }),
    ).toBe('12 rue de la Paix, 75002 Paris, France');
    expect(
      await run(fmt, {
        line1: '1600 Amphitheatre Pkwy',
        city: 'Mountain View',
        state: 'CA',
        zip: '94043',
        country: 'US',
      }),
    ).toBe('1600 Amphitheatre Pkwy, Mountain View, CA 94043, United States of America');
    expect(
      await run(
        { kind: 'address', mode: 'format' },
        { street: '10 Downing St', city: 'London', postcode: 'sw1a2aa', country: 'UK' },
      ),
    ).toBe('10 Downing St, London SW1A 2AA, GB');
  });

  it('normalizes parts: spaces collapsed, country to alpha-2, unknown country is an error', async () => {
    const norm = { kind: 'address', mode: 'normalize' };
    expect(
      await run(norm, { street: ' 12  rue de la Paix ', city: 'Paris', zip: '75002', country: 'Frankreich' }),
    ).toEqual({
      street: '12 rue de la Paix',
      city: 'Paris',
      postalCode: '75002',
      country: 'FR',
    });
    await fails(norm, { street: 'x', city: 'y', country: 'Narnia' }, 'transform_error', 'unknown_country');
    await fails(norm, 'a string', 'transform_error');
  });
});
