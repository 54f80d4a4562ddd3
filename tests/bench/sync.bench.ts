import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SyncRun } from '../../shared/models/sync';
import { makeTempDir } from '../helpers/tmp';
import { startLatencyProxy } from './latency-proxy';
import { minimalCopy } from './minimal-client';
import type { Figure } from './run';
import type { ChildArgs, HostFigures } from './sync-child';

/**
 * Sync benchmark on the path a user runs: connections through ConnectorClient, the run in a worker
 * thread, every call into the call log, state in state.db (tests/bench/sync-child.ts, its own process
 * so peak RSS is the sync's alone), against the sandbox in another process behind a latency proxy.
 *
 * For two target flavours — "declared" (the billing connector's search and the account's rate
 * settings, 100 requests/s like the sandbox) and "undeclared" (no limits, no search: an imported
 * connector; the sandbox only answers 429 + Retry-After: 1 above 100/s) — three scenarios:
 *   (a) first sync into an empty target, (b) a first sync into a target already holding 90% of the
 *   records, (c) the next run with 1% of the source changed.
 * Then, unthrottled and without latency, the app path against a minimal hand-written client (ratio).
 *
 * Env: SYNC_BENCH_LATENCY_MS (80), SYNC_BENCH_RECORDS (1000, per scenario), SYNC_BENCH_UNTHROTTLED
 * (10000), SYNC_BENCH_BIG=1 adds a 100k-record run into a 100k-record target and its RSS vs 10k.
 */
const repo = join(import.meta.dirname, '../..');
const LATENCY = Number(process.env.SYNC_BENCH_LATENCY_MS ?? 80);
const N = Number(process.env.SYNC_BENCH_RECORDS ?? 1000);
const UNTHROTTLED = Number(process.env.SYNC_BENCH_UNTHROTTLED ?? 10_000);
const BIG = process.env.SYNC_BENCH_BIG === '1';
/** The sandbox's real limits: billing 100 per second, CRM 100 per 10 s. */
const CEILING = { billing: 100, crm: 10 };

interface SandboxInfo {
  urls: { crm: string; billing: string };
  credentials: { crm: { accessToken: string }; billing: { secretKey: string } };
}

async function startSandbox(args: string[]): Promise<{ proc: ChildProcess; info: SandboxInfo }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'electron/sandbox/main.ts', '--port', '0', ...args], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise<SandboxInfo>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', (l) => resolve(JSON.parse(l) as SandboxInfo));
    proc.once('exit', (c) => reject(new Error(`sandbox exited ${c}`)));
  });
  return { proc, info };
}

async function control(base: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(
    `${base}/__sandbox/${path}`,
    body === undefined
      ? {}
      : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
  );
  return (await res.json()) as Record<string, unknown>;
}

interface ChildResult {
  done: SyncRun;
  ms: number;
  /** The same sync run again in the same runner right after (ChildArgs.again). */
  againMs?: number;
  /** That run's time inside the engine (the rest is starting it: worker, plan, state.db). */
  againActiveMs?: number;
  hosts: Record<string, HostFigures>;
  maxRssKb: number;
}

function runChild(args: ChildArgs): Promise<ChildResult> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/sync-child.ts', JSON.stringify(args)], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let result: ChildResult | undefined;
    createInterface({ input: proc.stdout! }).on('line', (l) => {
      if (l.startsWith('{"done"')) result = JSON.parse(l) as ChildResult;
    });
    proc.once('exit', (code) => (result ? resolve(result) : reject(new Error(`sync child exited ${code}`))));
  });
}

const fig = (figure: string, value: number, unit: string, note?: string): Figure => ({
  bench: 'sync',
  figure,
  value: Math.round(value * 1000) / 1000,
  unit,
  ...(note ? { note } : {}),
});

const hostOf = (url: string) => new URL(url).host;

function scenarioFigures(name: string, r: ChildResult, urls: { crm: string; billing: string }): Figure[] {
  const processed = r.done.counters.processed;
  const billing = r.hosts[hostOf(urls.billing)] ?? emptyHost();
  const crm = r.hosts[hostOf(urls.crm)] ?? emptyHost();
  const rps = (h: HostFigures) => (h.requests > 1 ? h.requests / Math.max(0.001, (h.lastMs - h.firstMs) / 1000) : 0);
  const usage = { billing: rps(billing) / CEILING.billing, crm: rps(crm) / CEILING.crm };
  const bottleneck = usage.billing >= usage.crm ? 'billing' : 'crm';
  const refused = billing.refused + crm.refused;
  const late = billing.requestsAfter10s + crm.requestsAfter10s;
  const c = r.done.counters;
  return [
    fig(
      `${name}_records_per_s`,
      processed / (r.ms / 1000),
      '1/s',
      `${processed} records (${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.merged} merged, ${c.failed} failed), status ${r.done.status}, worker start included`,
    ),
    fig(
      `${name}_achieved_over_ceiling`,
      Math.max(usage.billing, usage.crm),
      'ratio',
      `bottleneck ${bottleneck}: billing ${rps(billing).toFixed(1)}/${CEILING.billing} req/s, CRM ${rps(crm).toFixed(1)}/${CEILING.crm} req/s`,
    ),
    fig(
      `${name}_429s`,
      refused,
      'count',
      late
        ? `${billing.refusedAfter10s + crm.refusedAfter10s} of ${late} requests after the first 10 s`
        : 'run shorter than 10 s',
    ),
    fig(
      `${name}_target_requests_per_record`,
      billing.requests / Math.max(1, processed),
      'ratio',
      `${billing.requests} billing requests`,
    ),
    fig(`${name}_peak_rss`, r.maxRssKb / 1024, 'MiB'),
  ];
}

function emptyHost(): HostFigures {
  return { requests: 0, refused: 0, refusedAfter10s: 0, requestsAfter10s: 0, firstMs: 0, lastMs: 0 };
}

async function* scenarios(declared: boolean): AsyncGenerator<Figure> {
  const name = declared ? 'declared' : 'undeclared';
  const first = Math.round(N * 0.9);
  const sandbox = await startSandbox(['--sizes', `contacts=${first},customers=0,companies=0,invoices=0`]);
  const crm = await startLatencyProxy(sandbox.info.urls.crm, LATENCY);
  const billing = await startLatencyProxy(sandbox.info.urls.billing, LATENCY);
  const urls = { crm: crm.url, billing: billing.url };
  const base = (stateDir: string): ChildArgs => ({
    stateDir,
    crm: { url: crm.url, token: sandbox.info.credentials.crm.accessToken },
    billing: { url: billing.url, secretKey: sandbox.info.credentials.billing.secretKey },
    declared,
    ...(declared ? { targetRate: { requestsPerSecond: CEILING.billing, burst: 5, maxConcurrency: 64 } } : {}),
    concurrency: 64,
  });
  const a = makeTempDir('patchbay-bench-');
  const b = makeTempDir('patchbay-bench-');
  try {
    // (a) first sync into an empty target.
    yield* scenarioFigures(`${name}_a_first_sync`, await runChild(base(a.dir)), urls);
    // (b) a new sync (no id map) into a target that holds 90% of the records, equal.
    await control(sandbox.info.urls.crm, 'reset', { sizes: { contacts: N, companies: 0 } });
    await control(sandbox.info.urls.crm, 'limits', { reset: true });
    await control(sandbox.info.urls.billing, 'limits', { reset: true });
    yield* scenarioFigures(`${name}_b_target_holds_90pct`, await runChild(base(b.dir)), urls);
    // (c) the next run after 1% of the contacts changed.
    await control(sandbox.info.urls.crm, 'limits', { enabled: false });
    await changeContacts(sandbox.info, Math.max(1, Math.round(N / 100)));
    await control(sandbox.info.urls.crm, 'limits', { enabled: true, reset: true });
    await control(sandbox.info.urls.billing, 'limits', { reset: true });
    const c = await runChild({ ...base(b.dir), again: true });
    yield* scenarioFigures(`${name}_c_incremental_1pct`, c, urls);
    yield fig(
      `${name}_c_next_run_same_runner_ms`,
      c.againMs ?? 0,
      'ms',
      'the same sync again right after (nothing changed; the demo sync is a full read): its worker is the one the previous run left waiting',
    );
    yield fig(
      `${name}_c_next_run_start_overhead_ms`,
      (c.againMs ?? 0) - (c.againActiveMs ?? 0),
      'ms',
      'that run minus its time inside the engine: what starting a run costs with a reused worker',
    );
  } finally {
    a.cleanup();
    b.cleanup();
    await crm.close();
    await billing.close();
    sandbox.proc.kill('SIGTERM');
  }
}

/** Edits `count` contacts spread over the CRM (a new last name), as a user would between runs. */
async function changeContacts(info: SandboxInfo, count: number): Promise<void> {
  const res = await fetch(`${info.urls.crm}/crm/v3/objects/contacts?limit=100`, {
    headers: { authorization: `Bearer ${info.credentials.crm.accessToken}` },
  });
  const { results } = (await res.json()) as { results: { id: string }[] };
  for (const c of results.slice(0, count)) {
    await fetch(`${info.urls.crm}/crm/v3/objects/contacts/${c.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${info.credentials.crm.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { lastname: `Changed${c.id}` } }),
    });
  }
}

async function* unthrottled(): AsyncGenerator<Figure> {
  const sandbox = await startSandbox(['--no-rate-limits', '--sizes', `contacts=${UNTHROTTLED},customers=0`]);
  const info = sandbox.info;
  const tmp = makeTempDir('patchbay-bench-');
  try {
    const app = await runChild({
      stateDir: tmp.dir,
      crm: { url: info.urls.crm, token: info.credentials.crm.accessToken },
      billing: { url: info.urls.billing, secretKey: info.credentials.billing.secretKey },
      declared: false,
      concurrency: 16,
    });
    const appRate = app.done.counters.processed / (app.ms / 1000);
    yield fig(
      'unthrottled_records_per_s',
      appRate,
      '1/s',
      `${UNTHROTTLED} records, no latency, app path, status ${app.done.status}`,
    );
    yield fig(`unthrottled_peak_rss_${UNTHROTTLED}`, app.maxRssKb / 1024, 'MiB');
    await control(info.urls.billing, 'reset', { sizes: { customers: 0 } });
    const base = await minimalCopy(
      { url: info.urls.crm, token: info.credentials.crm.accessToken },
      { url: info.urls.billing, secretKey: info.credentials.billing.secretKey },
    );
    const baseRate = base.records / (base.ms / 1000);
    yield fig(
      'minimal_client_records_per_s',
      baseRate,
      '1/s',
      `hand-written fetch client, ${base.records} records, 16 in flight`,
    );
    yield fig('unthrottled_over_minimal_client', appRate / baseRate, 'ratio', 'same sandbox, same run; ≥ 0.5 wanted');
    if (BIG) {
      const big = 100_000;
      await control(info.urls.crm, 'reset', { sizes: { contacts: big } });
      await control(info.urls.billing, 'reset', { sizes: { customers: big } });
      const bigDir = makeTempDir('patchbay-bench-');
      const r = await runChild({
        stateDir: bigDir.dir,
        crm: { url: info.urls.crm, token: info.credentials.crm.accessToken },
        billing: { url: info.urls.billing, secretKey: info.credentials.billing.secretKey },
        declared: false,
        concurrency: 16,
      });
      bigDir.cleanup();
      yield fig(
        'big_records_per_s',
        r.done.counters.processed / (r.ms / 1000),
        '1/s',
        `100k records into a 100k-record target, status ${r.done.status}`,
      );
      yield fig('big_peak_rss_100000', r.maxRssKb / 1024, 'MiB');
      yield fig('big_peak_rss_ratio_100k_over_10k', r.maxRssKb / app.maxRssKb, 'ratio', '≤ 1.2 wanted');
    }
  } finally {
    tmp.cleanup();
    sandbox.proc.kill('SIGTERM');
  }
}

export default async function* bench(): AsyncGenerator<Figure> {
  yield* scenarios(true);
  yield* scenarios(false);
  yield* unthrottled();
}
