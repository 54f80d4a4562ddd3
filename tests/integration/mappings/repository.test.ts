import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { MAPPINGS_KEY } from '../../../electron/core/mappings';
import { makeMappingEnv, type MappingEnv } from './env';

let env: MappingEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const base = (crmId: string, billingId: string) => ({
  name: 'CRM → billing',
  source: { connectionId: crmId, resource: 'contacts' },
  target: { connectionId: billingId, resource: 'customers' },
  rules: [
    { id: 'r_email', target: 'email', sources: ['email'], transforms: [{ kind: 'email' }] },
    { id: 'r_name', target: 'name', sources: ['firstname', 'lastname'], transforms: [{ kind: 'concat' }] },
  ],
  matchKey: { sourceRule: 'r_email', targetField: 'email', normalization: 'email' as const },
});

describe('mapping repository over the settings store', () => {
  it('saves versions, lists history newest first, gets an old version and reverts by appending', async () => {
    env = await makeMappingEnv();
    const { call } = env.test;
    const v1 = await call('mappings:save', base(env.crmId, env.billingId));
    expect(v1.mapping.version).toBe(1);
    expect(v1.issues).toEqual([]);
    const id = v1.mapping.id;
    const v2 = await call('mappings:save', {
      ...base(env.crmId, env.billingId),
      id,
      baseVersion: 1,
      rules: [base(env.crmId, env.billingId).rules[0]!],
    });
    expect(v2.mapping.version).toBe(2);
    expect(v2.mapping.rules).toHaveLength(1);

    expect((await call('mappings:versions', { id })).map((v) => [v.version, v.rules])).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect((await call('mappings:get', { id, version: 1 })).mapping.rules).toHaveLength(2);
    expect((await call('mappings:get', { id })).mapping.version).toBe(2);

    const reverted = await call('mappings:revert', { id, version: 1 });
    expect(reverted.mapping.version).toBe(3);
    expect(reverted.mapping.rules.map((r) => r.id)).toEqual(['r_email', 'r_name']);
    expect((await call('mappings:versions', { id })).map((v) => v.version)).toEqual([3, 2, 1]);

    // Stale edit: saving on top of version 1 when 3 is current is refused, not silently merged.
    const stale = await call('mappings:save', { ...base(env.crmId, env.billingId), id, baseVersion: 1 }).catch(
      (e: unknown) => e,
    );
    expect(AppError.is(stale, 'conflict')).toBe(true);
    // Names are unique (the CLI resolves by name).
    const dup = await call('mappings:save', base(env.crmId, env.billingId)).catch((e: unknown) => e);
    expect(AppError.is(dup, 'conflict')).toBe(true);

    // On disk: one document, a human-readable history.
    const doc = env.test.core.settings.get(MAPPINGS_KEY) as {
      version: number;
      items: { id: string; versions: { version: number }[] }[];
    };
    expect(doc.items[0]!.versions.map((v) => v.version)).toEqual([1, 2, 3]);

    await call('mappings:remove', { id });
    expect(await call('mappings:list', {})).toEqual([]);
    expect(AppError.is(await call('mappings:get', { id }).catch((e: unknown) => e), 'not_found')).toBe(true);
  });

  it('saves a broken rule (reported) and the mapping still loads with the other rules intact', async () => {
    env = await makeMappingEnv();
    const { call } = env.test;
    const rules = [
      ...base(env.crmId, env.billingId).rules,
      {
        id: 'r_bad_expr',
        target: 'description',
        sources: [],
        transforms: [{ kind: 'expression', expression: '$uppercase(properties.company' }],
      },
      {
        id: 'r_dup_lookup',
        target: 'tax_exempt',
        sources: ['country'],
        transforms: [
          {
            kind: 'lookup',
            table: [
              { from: 'FR', to: 'none' },
              { from: 'fr', to: 'exempt' },
            ],
          },
        ],
      },
      { id: 'r_gone', target: 'phone', sources: ['fax_number'], transforms: [] },
    ];
    const saved = await call('mappings:save', { ...base(env.crmId, env.billingId), rules });
    expect(saved.issues.map((i) => i.ruleId).sort()).toEqual(['r_bad_expr', 'r_dup_lookup', 'r_gone']);
    expect(saved.issues.find((i) => i.ruleId === 'r_gone')!.message).toMatch(/fax_number.*no longer has/);

    // Loaded back from the settings file, broken rules included.
    const reloaded = await call('mappings:get', { id: saved.mapping.id });
    expect(reloaded.mapping.rules).toHaveLength(5);
    expect(reloaded.issues).toHaveLength(3);
    // …and previews it: the working rules still produce payloads.
    const report = await call('mappings:preview', { ref: 'CRM → billing', limit: 5 });
    expect(report.rows).toHaveLength(5);
    expect(report.rows.every((r) => typeof r.payload.email === 'string' && typeof r.payload.name === 'string')).toBe(
      true,
    );
    expect(report.issues).toHaveLength(3);
  });

  it('records a PII acknowledgement as a new version', async () => {
    env = await makeMappingEnv();
    const { call } = env.test;
    const saved = await call('mappings:save', base(env.crmId, env.billingId));
    const acked = await call('mappings:acknowledgePii', {
      id: saved.mapping.id,
      fields: ['email', 'firstname', 'lastname'],
      baseVersion: 1,
    });
    expect(acked.mapping.version).toBe(2);
    expect(acked.mapping.piiAcknowledged?.fields).toEqual(['email', 'firstname', 'lastname']);
    const report = await call('mappings:preview', { ref: saved.mapping.id, limit: 2 });
    expect(report.minimization.piiTransmitted.sort()).toEqual(['email', 'firstname', 'lastname']);
    expect(report.minimization.unacknowledgedPii).toEqual([]);
  });
});
