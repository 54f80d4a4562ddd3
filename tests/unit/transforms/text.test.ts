import { describe, expect, it } from 'vitest';
import { fails, run } from './helpers';

describe('copy / trim / case / collapse_spaces', () => {
  it('copy passes any value through unchanged', async () => {
    const obj = { a: 1 };
    expect(await run({ kind: 'copy' }, obj)).toBe(obj);
  });

  it('trim removes NBSP, narrow NBSP and zero-width spaces that String.trim keeps', async () => {
    expect(await run({ kind: 'trim' }, '\u200B\u00A0 Acme SAS\u202F\uFEFF')).toBe('Acme SAS');
    expect(await run({ kind: 'trim', side: 'start' }, '  a  ')).toBe('a  ');
    expect(await run({ kind: 'trim', side: 'end' }, '  a  ')).toBe('  a');
  });

  it('trim keeps null and rejects objects with a typed error', async () => {
    expect(await run({ kind: 'trim' }, null)).toBeNull();
    await fails({ kind: 'trim' }, { a: 1 }, 'transform_error');
  });

  it('case: title keeps hyphen and apostrophe word starts', async () => {
    expect(await run({ kind: 'case', to: 'title' }, "jEAN-luc o'NEIL")).toBe("Jean-Luc O'Neil");
    expect(await run({ kind: 'case', to: 'upper' }, 'straße')).toBe('STRASSE');
    expect(await run({ kind: 'case', to: 'lower' }, 'ÉCOLE')).toBe('école');
    expect(await run({ kind: 'case', to: 'sentence' }, '  hELLO world')).toBe('  Hello world');
  });

  it('collapse_spaces folds runs of mixed unicode spaces, tabs and newlines', async () => {
    expect(await run({ kind: 'collapse_spaces' }, ' 12\t rue\u00A0\u00A0de la\nPaix ')).toBe('12 rue de la Paix');
  });

  it('an unknown case target is a config error', async () => {
    await fails({ kind: 'case', to: 'camel' }, 'x', 'transform_error');
  });
});

describe('split / join / concat / template', () => {
  it('split returns trimmed non-empty parts or one picked part', async () => {
    expect(await run({ kind: 'split', separator: ';' }, 'a; b;;c ')).toEqual(['a', 'b', 'c']);
    expect(await run({ kind: 'split', separator: ' ', index: -1 }, 'Marie Curie')).toBe('Curie');
    expect(await run({ kind: 'split', separator: ',', index: 5 }, 'a,b')).toBeNull();
  });

  it('join skips empty items and rejects non-lists', async () => {
    expect(await run({ kind: 'join', separator: ' / ' }, ['a', '', null, 'b', 3])).toBe('a / b / 3');
    await fails({ kind: 'join' }, 'abc', 'transform_error');
  });

  it('concat joins a multi-source rule, skipping blanks; all blank → null', async () => {
    expect(await run({ kind: 'concat' }, ['Ada', ' ', 'Lovelace'])).toBe('Ada Lovelace');
    expect(await run({ kind: 'concat', separator: '-' }, [null, ''])).toBeNull();
  });

  it('template resolves {0}, {value} and record paths; {{ }} are literal', async () => {
    const record = { address: { city: 'Lyon' } };
    expect(
      await run({ kind: 'template', template: '{{{0}}} {value} in {address.city}' }, 'x', { record, sources: ['S0'] }),
    ).toBe('{S0} x in Lyon');
    expect(await run({ kind: 'template', template: 'Hi {missing}!' }, 'x', { record })).toBe('Hi !');
    await fails({ kind: 'template', template: 'Hi {missing}!', missing: 'error' }, 'x', 'transform_error', undefined, {
      record,
    });
  });

  it('a malformed template is rejected at config parse with the position', async () => {
    const message = await fails({ kind: 'template', template: 'Hello {name' }, 'x', 'transform_error');
    expect(message).toMatch(/Unclosed "\{" at position 6/);
  });
});

describe('default / constant', () => {
  it('default fills null, undefined, blank text and empty lists; keeps real values', async () => {
    const step = { kind: 'default', value: 'n/a' };
    expect(await run(step, null)).toBe('n/a');
    expect(await run(step, undefined)).toBe('n/a');
    expect(await run(step, '   ')).toBe('n/a');
    expect(await run(step, [])).toBe('n/a');
    expect(await run(step, 0)).toBe(0);
    expect(await run(step, false)).toBe(false);
    expect(await run({ kind: 'default', value: 'n/a', when: 'nullish' }, '')).toBe('');
  });

  it('constant ignores the input', async () => {
    expect(await run({ kind: 'constant', value: { source: 'crm' } }, 'anything')).toEqual({ source: 'crm' });
  });
});

describe('lookup', () => {
  const table = [
    { from: 'FR', to: 'France' },
    { from: 1, to: 'one' },
  ];

  it('matches case- and space-insensitively and across number/text', async () => {
    expect(await run({ kind: 'lookup', table }, ' fr ')).toBe('France');
    expect(await run({ kind: 'lookup', table }, '1')).toBe('one');
    expect(await run({ kind: 'lookup', table, caseInsensitive: false }, 'fr')).toBe('fr');
  });

  it('applies each unmatched policy', async () => {
    expect(await run({ kind: 'lookup', table }, 'DE')).toBe('DE');
    expect(await run({ kind: 'lookup', table, unmatched: 'null' }, 'DE')).toBeNull();
    expect(await run({ kind: 'lookup', table, unmatched: 'default', default: '?' }, 'DE')).toBe('?');
    await fails({ kind: 'lookup', table, unmatched: 'error' }, 'DE', 'transform_error', 'unmatched');
  });

  it('rejects duplicate keys at config parse, naming both entries', async () => {
    const message = await fails(
      {
        kind: 'lookup',
        table: [
          { from: 'FR', to: 'a' },
          { from: 'x', to: 'b' },
          { from: 'fr ', to: 'c' },
        ],
      },
      'FR',
      'transform_error',
    );
    expect(message).toContain('table.2.from');
    expect(message).toContain('entries 1 and 3');
  });

  it('requires a default value for the default policy', async () => {
    expect(await fails({ kind: 'lookup', table, unmatched: 'default' }, 'x', 'transform_error')).toMatch(
      /no default value/,
    );
  });
});
