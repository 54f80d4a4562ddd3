import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sameValue } from '../../../shared/mapping';
import { compileMapping } from '../../../shared/mapping';
import { FieldSchema } from '../../../shared/models/field-schema';
import type { SyncRun } from '../../../shared/models/sync';
import { BILLING_CUSTOMER_FIELDS, CRM_CONTACT_FIELDS, demoMapping } from '../../../electron/demo/mapping';
import { flatten } from '../../../electron/core/sync/field-paths';
import { demoParts } from '../../helpers/demo-plan';
import { makeTempDir } from '../../helpers/tmp';

/**
 * The crash test: a 2,000-record sync through the connector runtime, SIGKILLed at 20 random points
 * against a sandbox with faults on (5xx, 429, resets, lost answers, truncated bodies, held
 * requests) running in its own process; restarted each time; then the target must hold exactly the
 * expected records: no duplicate, none missing, every field equal to the mapped source.
 */
// Through the connector runtime a resumed run re-reads the records before its checkpoint (the
// paginator's cursor is a position), so each kill costs a re-read: 2,000 records keep 20 kills affordable.
const RECORDS = 2_000;
const KILLS = 20;
// No 429 or 503: the runtime's adaptive limiter slows down on those (its own tests cover that), which would
// turn this into a pacing test. Failures that leave a write uncertain are what matter here.
const FAULTS = '502=0.02,reset=0.01,lost=0.02,malformed=0.01,timeout=0.002,hold=500ms';
const repo = join(import.meta.dirname, '../../..');

interface SandboxInfo {
  urls: { crm: string; billing: string };
  credentials: { crm: { accessToken: string }; billing: { secretKey: string } };
}

let sandbox: ChildProcess;
let info: SandboxInfo;
const tmp = makeTempDir('patchbay-crash-');

function lines(child: ChildProcess, onLine: (line: string) => void): void {
  createInterface({ input: child.stdout! }).on('line', onLine);
}

beforeAll(async () => {
  sandbox = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/sandbox/main.ts',
      '--port',
      '0',
      '--faults',
      FAULTS,
      '--sizes',
      `contacts=${RECORDS},customers=0`,
      '--no-rate-limits',
    ],
    { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  info = await new Promise<SandboxInfo>((resolve, reject) => {
    lines(sandbox, (line) => resolve(JSON.parse(line) as SandboxInfo));
    sandbox.once('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
  });
}, 60_000);

afterAll(() => {
  sandbox?.kill('SIGTERM');
  tmp.cleanup();
});

async function control(server: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(
    `${server}/__sandbox/${path}`,
    body === undefined
      ? {}
      : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
  );
  return res.json();
}

/** Start the sync process; kill it with SIGKILL once `killAt(processed)` says so. Resolves with how it ended. */
function runChild(
  killAt: ((processed: number) => boolean) | null,
  killAfterMs: number | null,
): Promise<{ killed: boolean; run?: SyncRun; processed: number; sawProgress: boolean }> {
  const args = {
    stateDir: tmp.dir,
    crm: { baseUrl: info.urls.crm, token: info.credentials.crm.accessToken },
    billing: { baseUrl: info.urls.billing, secretKey: info.credentials.billing.secretKey },
    definition: { pageSize: 100, concurrency: 16 },
    timeoutMs: 3000,
  };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'crash-child.ts'), JSON.stringify(args)],
    { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let processed = 0;
  let sawProgress = false;
  let run: SyncRun | undefined;
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    child.kill('SIGKILL');
  };
  // Past the threshold, wait a random moment so kills land mid-request, mid-commit, mid-page.
  lines(child, (line) => {
    const m = JSON.parse(line) as { processed?: number; done?: SyncRun };
    if (m.done) run = m.done;
    if (m.processed !== undefined) {
      processed = m.processed;
      sawProgress = true;
    }
    if (killAt && !killed && killAt(processed)) setTimeout(kill, Math.random() * 300);
  });
  if (killAfterMs !== null) setTimeout(kill, killAfterMs);
  return new Promise((resolve) => child.once('exit', () => resolve({ killed, run, processed, sawProgress })));
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs during a ${RECORDS}-record sync with faults on: no duplicate, none missing, every field right`, async () => {
    // Random kill points spread over the run; a few kill during start-up (by time, before any progress).
    const points = Array.from({ length: KILLS - 3 }, () => Math.floor(200 + Math.random() * (RECORDS - 400))).sort(
      (a, b) => a - b,
    );
    let kills = 0;
    // Kills after the run row existed (a progress line was seen): each leaves a run to resume.
    let midRun = 0;
    for (let k = 0; k < 3; k++) {
      const r = await runChild(null, 300 + Math.random() * 1200);
      if (r.killed) kills++;
      if (r.killed && r.sawProgress) midRun++;
    }
    for (const point of points) {
      const r = await runChild((p) => p >= point, null);
      if (r.killed) kills++;
      if (r.killed && r.sawProgress) midRun++;
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS - 2);
    const final = await runChild(null, null);
    expect(final.killed).toBe(false);
    expect(final.run?.status).toBe('succeeded');
    expect(final.run!.resumes).toBeGreaterThanOrEqual(midRun);
    expect(midRun).toBeGreaterThanOrEqual(KILLS - 4);

    // Verify with faults off (the verification itself must not be flaky).
    await control(info.urls.crm, 'faults', { enabled: false });
    await control(info.urls.billing, 'faults', { enabled: false });
    const injected = ((await control(info.urls.billing, 'stats')) as { faults: { injected: Record<string, number> } })
      .faults.injected;
    expect(injected.lost + injected.reset + injected['5xx']).toBeGreaterThan(20);

    // Expected: every CRM contact, mapped; contacts sharing an e-mail merged (newest wins).
    const source = demoParts({
      crm: { baseUrl: info.urls.crm, token: info.credentials.crm.accessToken },
      billing: { baseUrl: info.urls.billing, secretKey: info.credentials.billing.secretKey },
    }).reader;
    const mapping = compileMapping(
      demoMapping({ crm: 'c', billing: 'b' }),
      CRM_CONTACT_FIELDS,
      BILLING_CUSTOMER_FIELDS,
    );
    const expected = new Map<string, { updatedAt: number; values: Record<string, unknown> }>();
    for await (const page of source.read({ cursor: null, pageSize: 100 })) {
      for (const rec of page.records) {
        const m = await mapping.apply(rec.data);
        expect(m.errors).toEqual([]);
        const prev = expected.get(m.matchKey!);
        if (!prev || rec.updatedAt! > prev.updatedAt)
          expected.set(m.matchKey!, { updatedAt: rec.updatedAt!, values: m.payload });
      }
    }
    expect(expected.size).toBe(RECORDS - RECORDS / 40);

    const customers: Record<string, unknown>[] = [];
    for (let offset = 0; ; offset += 5000) {
      const page = (await control(info.urls.billing, `records/customers?offset=${offset}&limit=5000`)) as {
        records: Record<string, unknown>[];
      };
      customers.push(...page.records);
      if (page.records.length < 5000) break;
    }
    const schema = BILLING_CUSTOMER_FIELDS.map((f) => FieldSchema.parse(f));
    const byEmail = new Map<string, Record<string, unknown>[]>();
    for (const c of customers) {
      const key = String(c.email).toLowerCase();
      byEmail.set(key, [...(byEmail.get(key) ?? []), c]);
    }
    const duplicates = [...byEmail.entries()].filter(([, list]) => list.length > 1).map(([k]) => k);
    const missing = [...expected.keys()].filter((k) => !byEmail.has(k));
    const unexpected = [...byEmail.keys()].filter((k) => !expected.has(k));
    expect({ duplicates: duplicates.length, missing: missing.length, unexpected: unexpected.length }).toEqual({
      duplicates: 0,
      missing: 0,
      unexpected: 0,
    });
    expect(customers.length).toBe(expected.size);
    const wrong: string[] = [];
    const fields = new Map(schema.map((f) => [f.name, f]));
    for (const [key, { values }] of expected) {
      const actual = flatten(byEmail.get(key)![0]!, schema);
      for (const [field, value] of Object.entries(values)) {
        if (!sameValue(value, actual[field], fields.get(field)))
          wrong.push(`${key}.${field}: expected ${JSON.stringify(value)}, got ${JSON.stringify(actual[field])}`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    const dups = (await control(info.urls.billing, 'duplicates')) as { byEmail: unknown[] };
    expect(dups.byEmail).toEqual([]);
  }, 1_500_000);
});
