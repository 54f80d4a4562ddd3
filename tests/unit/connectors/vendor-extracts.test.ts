import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStructure } from '../../../electron/core/connectors/openapi/structure';
import { EXTRACTS, REPO, VENDOR_FILES, sharedSpecsPresent } from '../../helpers/contracts/vendor-documents';

/**
 * The committed extracts stand in for the vendors' documents where ../shared is absent, so they must
 * be what the extract script makes from those documents today (`--check`), and valid OpenAPI.
 */
describe('committed vendor extracts', () => {
  it('are what scripts/extract-vendor-specs.mjs makes from the vendor documents (--check)', () => {
    const run = () =>
      execFileSync(process.execPath, [join(REPO, 'scripts/extract-vendor-specs.mjs'), '--check'], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    if (sharedSpecsPresent()) expect(run).not.toThrow();
    // Without the documents the check cannot compare, and says so rather than passing.
    else expect(run).toThrow(/No vendor documents/);
  });

  it('are valid OpenAPI 3.0 documents with the paths the catalog calls', () => {
    for (const name of Object.keys(VENDOR_FILES)) {
      const doc = JSON.parse(readFileSync(join(EXTRACTS, `${name}.min.json`), 'utf8')) as Record<string, unknown>;
      expect(checkStructure(doc), name).toEqual({ skip: [], problems: [] });
      expect(Object.keys(doc.paths as object).length, name).toBeGreaterThan(0);
    }
  });
});
