import { afterEach, describe, expect, it } from 'vitest';
import { csvCell, csvLine, parseCsv } from '../../../electron/core/datasets/csv';
import { openDatasetsDb, type DatasetDatabase } from '../../../electron/core/datasets/db';
import { XrefStore } from '../../../electron/core/datasets/xref-store';
import { makeTempDir } from '../../helpers/tmp';

let cleanup: (() => void) | undefined;
let db: DatasetDatabase | undefined;
afterEach(() => {
  db?.close();
  cleanup?.();
  db = undefined;
});

function store(): XrefStore {
  const tmp = makeTempDir();
  cleanup = tmp.cleanup;
  db = openDatasetsDb(tmp.dir);
  return new XrefStore(db);
}

describe('product cross-reference CSV import', () => {
  it('imports good lines and reports each bad one with its line number and the fix', () => {
    const xref = store();
    const csv = [
      'system,external_id,product_id,product_name',
      'shop,TSH-RED-M,TSH-RED-M,"Organic T-Shirt (Red / M)"',
      'billing,prod_PBTSH000,TSH-RED-M,',
      'shop,,MUG-WHITE,Mug',
      'shop,MUG-WHITE,MUG-WHITE',
      'shop,tsh-red-m,OTHER,Conflicting case-insensitive duplicate',
      '"billing","prod_PBMUG020","MUG-WHITE","Enamel Mug, white"',
      '',
    ].join('\r\n');
    const result = xref.importCsv('ds', csv);
    expect(result.imported).toBe(3);
    expect(result.errors).toEqual([
      { line: 4, message: 'Line 4: external_id is empty.' },
      { line: 5, message: expect.stringMatching(/^Line 5: expected 4 values, found 3/) },
      {
        line: 6,
        message: expect.stringMatching(/^Line 6: shop id "tsh-red-m" was already mapped to "TSH-RED-M" on line 2/),
      },
    ]);
    expect(xref.list('ds').map((e) => [e.system, e.externalId, e.productId, e.productName])).toEqual([
      ['billing', 'prod_PBMUG020', 'MUG-WHITE', 'Enamel Mug, white'],
      ['billing', 'prod_PBTSH000', 'TSH-RED-M', ''],
      ['shop', 'TSH-RED-M', 'TSH-RED-M', 'Organic T-Shirt (Red / M)'],
    ]);
    // Lookups are trimmed and case-insensitive, and nothing else: a legacy "tsh_red_m" stays unmatched.
    const resolve = xref.resolver('ds');
    expect(resolve('shop', 'TSH-RED-M')).toBe('TSH-RED-M');
    expect(resolve('shop', 'TSH_RED_M')).toBeNull();
    expect(resolve('billing', 'TSH-RED-M')).toBeNull();
  });

  it('rejects a file whose header lacks a column, or has an unknown one, importing nothing', () => {
    const xref = store();
    expect(xref.importCsv('ds', 'system,sku\nshop,A\n')).toEqual({
      imported: 0,
      errors: [{ line: 1, message: expect.stringContaining('missing column product_id') }],
    });
    expect(xref.importCsv('ds', 'system,external_id,product_id,colour\nshop,A,B,red\n').errors[0]!.message).toContain(
      'unknown column "colour"',
    );
    expect(xref.importCsv('ds', '').errors[0]!.message).toContain('empty');
    expect(xref.list('ds')).toEqual([]);
  });

  it('reports broken quoting with the line it starts on', () => {
    const xref = store();
    const r = xref.importCsv('ds', 'system,external_id,product_id\nshop,A,B\nshop,"C,D\n');
    expect(r).toEqual({ imported: 0, errors: [{ line: 3, message: expect.stringContaining('never closed') }] });
    expect(xref.importCsv('ds', 'system,external_id,product_id\nshop,A"x,B\n').errors[0]).toMatchObject({ line: 2 });
  });
});

describe('CSV writing', () => {
  it('quotes per RFC 4180 and guards formulas but not plain numbers', () => {
    expect(csvLine(['a,b', 'say "hi"', 'x\ny', null, 3])).toBe('"a,b","say ""hi""","x\ny",,3\r\n');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('-2+3')).toBe("'-2+3");
  });

  it('round-trips through the parser', () => {
    const text = csvLine(['a,b', 'say "hi"', 'x\ny']) + csvLine(['1', '', 'z']);
    expect(parseCsv(text).map((r) => r.fields)).toEqual([
      ['a,b', 'say "hi"', 'x\ny'],
      ['1', '', 'z'],
    ]);
    expect(parseCsv(text)[1]!.line).toBe(3);
  });
});
