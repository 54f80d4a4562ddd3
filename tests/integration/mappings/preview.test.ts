import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPreview } from '../../../shared/mapping/preview';
import { makeMappingEnv, seedBillingCustomer, type MappingEnv } from './env';

/** CRM contacts → billing customers on the sandbox servers, through core.clients like the app. */
describe('mapping preview against the sandbox', () => {
  let env: MappingEnv;
  let firstContact: { id: string; email: string; firstname: string; lastname: string };
  let seededId: string;
  beforeAll(async () => {
    env = await makeMappingEnv({ contacts: 40, customers: 20 });
    const res = await fetch(
      `${env.sandbox.urls.crm}/crm/v3/objects/contacts?limit=1&properties=email,firstname,lastname`,
      { headers: { authorization: `Bearer ${env.sandbox.credentials.crm.accessToken}` } },
    );
    const c = ((await res.json()) as { results: { id: string; properties: Record<string, string> }[] }).results[0]!;
    firstContact = {
      id: c.id,
      email: c.properties.email!,
      firstname: c.properties.firstname!,
      lastname: c.properties.lastname!,
    };
    // The same person already exists in billing, with an outdated name and the e-mail in upper case.
    seededId = (
      await seedBillingCustomer(env.sandbox, {
        email: firstContact.email.toUpperCase(),
        name: `${firstContact.firstname} Oldname`,
      })
    ).id;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('suggests rules and a match key for CRM contacts → billing customers', async () => {
    const s = await env.test.call('mappings:suggest', {
      source: { connectionId: env.crmId, resource: 'contacts' },
      target: { connectionId: env.billingId, resource: 'customers' },
    });
    expect(s.rules.map((r) => r.target)).toEqual(expect.arrayContaining(['email', 'name', 'phone', 'address_country']));
    expect(s.matchKey).toMatchObject({ targetField: 'email', normalization: 'email' });
  });

  it('fetches only the fields the mapping reads, finds the existing customer and diffs it', async () => {
    const { call } = env.test;
    const s = await call('mappings:suggest', {
      source: { connectionId: env.crmId, resource: 'contacts' },
      target: { connectionId: env.billingId, resource: 'customers' },
    });
    const rules = s.rules.filter((r) => ['email', 'name'].includes(r.target));
    const saved = await call('mappings:save', {
      name: 'Contacts to customers',
      source: { connectionId: env.crmId, resource: 'contacts' },
      target: { connectionId: env.billingId, resource: 'customers' },
      rules,
      matchKey: s.matchKey,
    });
    const mark = env.sandbox.servers.crm.log.since(0).at(-1)?.seq ?? 0;
    const samples = await call('mappings:fetchSamples', { mappingId: saved.mapping.id, limit: 25 });

    // Data minimization at the API: the CRM was asked for the read properties only…
    const listCalls = env.sandbox.servers.crm.log
      .since(mark)
      .filter((e) => e.path.startsWith('/crm/v3/objects/contacts'));
    expect(listCalls.length).toBeGreaterThan(0);
    const asked = new URL(listCalls[0]!.path, 'http://x').searchParams.get('properties')!.split(',').sort();
    expect(asked).toEqual(['email', 'firstname', 'id', 'lastname']);
    // …and nothing else came back to the caller.
    expect(samples.sourceRecords).toHaveLength(25);
    for (const r of samples.sourceRecords)
      expect(Object.keys((r as { properties: object }).properties).sort()).toEqual(['email', 'firstname', 'lastname']);
    expect(samples.fetchedFields?.sort()).toEqual(['email', 'firstname', 'id', 'lastname']);

    // The target lookup found the seeded customer despite the case difference (e-mail normalization).
    expect(samples.lookupError).toBeNull();
    const hit = samples.targetLookup!.matches.find((m) => m.id === seededId);
    expect(hit?.key).toBe(firstContact.email.toLowerCase());
    expect(samples.targetLookup!.complete).toBe(true);

    // The renderer's computation (same shared code): billing holds an outdated name and the e-mail in
    // upper case (found through normalization, but a different value): the update sends both.
    const preview = await runPreview(
      saved.mapping,
      { ...samples, sourcePrimaryKey: samples.source.primaryKey },
      { fetchedFields: samples.fetchedFields },
    );
    const row = preview.rows.find((r) => r.sourceId === firstContact.id)!;
    expect(row.lookup).toBe('found');
    expect(row.operation).toBe('update');
    expect(row.diff!.changedFields.sort()).toEqual(['email', 'name']);
    expect(row.diff!.patch.name).toBe(`${firstContact.firstname} ${firstContact.lastname}`);
    // Every key was checked against the whole target (the sandbox's own data overlaps the CRM a little: those are found too).
    expect(preview.rows.filter((r) => r.lookup === 'unchecked' || r.lookup === 'uncertain')).toEqual([]);
    expect(preview.rows.filter((r) => r.lookup === 'absent').every((r) => r.operation === 'create')).toBe(true);
    expect(preview.minimization.notTransmitted).toEqual(expect.arrayContaining(['phone', 'address', 'company']));
    expect(preview.minimization.unacknowledgedPii.sort()).toEqual(['email', 'firstname', 'lastname']);
    expect(preview.missingSampleFields).toEqual([]);

    // The CLI view computes the same operation in core.
    const report = await call('mappings:preview', { ref: 'Contacts to customers', limit: 25 });
    const cliRow = report.rows.find((r) => r.sourceId === firstContact.id)!;
    expect(cliRow).toMatchObject({ operation: 'update', targetId: seededId });
    expect(report.counts.update).toBe(preview.counts.update);
  });

  it('reports "skip unchanged" once the target already holds the mapped values', async () => {
    const { call } = env.test;
    const seeded = await seedBillingCustomer(env.sandbox, { email: 'twin@example.org', name: 'Twin Person' });
    const mapping = (await call('mappings:list', {})).find((m) => m.name === 'Contacts to customers')!;
    const saved = (await call('mappings:get', { id: mapping.id })).mapping;
    const samples = await call('mappings:fetchSamples', { mappingId: mapping.id, limit: 3 });
    // A synthetic sample for the twin (the source side is the API's record shape).
    const twin = { id: 'x1', properties: { email: 'Twin@Example.org ', firstname: 'Twin', lastname: 'Person' } };
    const lookup = {
      ...samples.targetLookup!,
      keys: [...samples.targetLookup!.keys, 'twin@example.org'],
      matches: [
        ...samples.targetLookup!.matches,
        { key: 'twin@example.org', id: seeded.id, values: { email: 'twin@example.org', name: 'Twin Person' } },
      ],
    };
    const preview = await runPreview(saved, {
      ...samples,
      sourceRecords: [twin],
      targetLookup: lookup,
      sourcePrimaryKey: 'id',
    });
    expect(preview.rows[0]).toMatchObject({ operation: 'skip', lookup: 'found' });
  });

  it('a draft reading a field the samples lack says so, and without field selection the record is projected in core', async () => {
    const { call } = env.test;
    // Billing customers → CRM contacts: Stripe has no field-selection parameter, so core drops unread fields itself.
    const samples = await call('mappings:fetchSamples', {
      mapping: {
        name: 'reverse',
        source: { connectionId: env.billingId, resource: 'customers' },
        target: { connectionId: env.crmId, resource: 'contacts' },
        rules: [{ id: 'r_email', target: 'email', sources: ['email'], transforms: [] }],
      },
      limit: 5,
    });
    expect(samples.source.fieldSelection).toBe(false);
    for (const r of samples.sourceRecords) expect(Object.keys(r).sort()).toEqual(['email', 'id']);
    const preview = await runPreview(
      {
        id: 'd',
        name: 'd',
        source: { connectionId: env.billingId, resource: 'customers' },
        target: { connectionId: env.crmId, resource: 'contacts' },
        rules: [
          { id: 'r_email', target: 'email', sources: ['email'] },
          { id: 'r_phone', target: 'phone', sources: ['phone'] },
        ],
        updatedAt: new Date().toISOString(),
      },
      samples,
      { fetchedFields: samples.fetchedFields },
    );
    expect(preview.missingSampleFields).toEqual(['phone']);
  });
});
