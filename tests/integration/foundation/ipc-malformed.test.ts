import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import { makeTestCore, type TestCore } from '../../helpers/core';

/** Every channel of the contract, through the real handler table: malformed payloads get typed errors. */
describe('malformed IPC payloads on every channel', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await makeTestCore();
  });
  afterAll(() => t.close());

  const malformed: [string, unknown][] = [
    ['a number', 42],
    ['null', null],
    ['a string', 'DROP TABLE'],
    ['an array', [1, 2]],
    ['an object with an unknown key', { __proto_pollution__: { admin: true }, unexpectedKey: 1 }],
  ];

  for (const channel of Object.keys(contract)) {
    it(`${channel} rejects malformed payloads with invalid_input`, async () => {
      for (const [label, payload] of malformed) {
        const result = await t.raw(channel, payload);
        expect(result.ok, `${channel} accepted ${label}`).toBe(false);
        if (!result.ok) {
          expect(result.error.code, `${channel} with ${label}`).toBe('invalid_input');
          expect(result.error.message).toContain(channel);
        }
      }
    });
  }

  it('mappings:save refuses a record filter with an unknown operator, naming where', async () => {
    const result = await t.raw('mappings:save', {
      name: 'filtered',
      source: { connectionId: 'a', resource: 'contacts' },
      target: { connectionId: 'b', resource: 'customers' },
      rules: [],
      filter: { conditions: [{ field: 'email', op: 'like', value: '%@x' }] },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.message).toContain('filter');
  });

  it('rejects unknown channels without calling anything', async () => {
    for (const name of ['', 'app', 'app:', 'fs:readFile', '__proto__', 'constructor', 'toString']) {
      const result = await t.raw(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });
});
