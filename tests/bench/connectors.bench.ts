import { ConnectorCatalog, memoryConnectorStore } from '../../electron/core/connectors/catalog';
import { ConnectorClient } from '../../electron/core/connectors/client';
import type { AuthApplier } from '../../electron/core/auth/types';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { VENDOR_FILES, vendorDocumentPath, type VendorName } from '../helpers/contracts/vendor-documents';

interface Figure {
  bench: 'connectors';
  figure: string;
  value: number;
  unit: string;
  note?: string;
}

const TOTAL = Number(process.env.PATCHBAY_BENCH_RECORDS ?? 1_000_000);
const CHECKPOINT = Math.min(100_000, Math.floor(TOTAL / 10));
const MB = 1024 * 1024;

/**
 * Stream a 1,000,000-contact resource from the sandbox CRM through the real runtime (auth applier,
 * pacing, retries, one redacted CallEvent per page) and show memory does not grow with the count:
 * RSS after 100k records vs after 1M, measured in the same run. The sandbox runs in its own process
 * so its RSS (seeded tables, request log) is not counted as the runtime's.
 */
async function startSandboxProcess(
  total: number,
): Promise<{ urls: { crm: string }; credentials: { crm: { accessToken: string } }; stop: () => void }> {
  const main = fileURLToPath(new URL('../../electron/sandbox/main.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', main, '--sizes', `contacts=${total},companies=10`, '--no-rate-limits'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { ...JSON.parse(first), stop: () => child.kill('SIGTERM') };
}

/**
 * The OpenAPI import of each vendor document (the full ones when ../shared is there, else the committed
 * extracts, said in `note`) and of the Twilio-like fixture, each in a fresh process: time, peak RSS,
 * and what it found (resources vs list operations, lists whose paging it had to ask about).
 */
function* importFigures(): Generator<Figure> {
  const child = fileURLToPath(new URL('./openapi-import-child.ts', import.meta.url));
  const docs: [string, string, string][] = (Object.keys(VENDOR_FILES) as VendorName[]).map((name) => {
    const { path, full } = vendorDocumentPath(name);
    return [name, path, full ? 'full document' : 'committed extract'];
  });
  docs.push([
    'twilio-like',
    join(fileURLToPath(new URL('../fixtures/openapi/', import.meta.url)), 'twilio-like.openapi.json'),
    'fixture',
  ]);
  for (const [name, path, note] of docs) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', child, path], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
    const fig = (figure: string, value: number, unit: string): Figure => ({
      bench: 'connectors',
      figure: `openapi_import.${name}.${figure}`,
      value,
      unit,
      note,
    });
    yield fig('ms', r.ms!, 'ms');
    yield fig('peak_rss', r.peakRssMb!, 'MB');
    // What the import itself added to a process that had only loaded the code.
    yield fig('rss_growth', Math.round((r.peakRssMb! - r.baseRssMb!) * 10) / 10, 'MB');
    yield fig('resources', r.resources!, 'count');
    yield fig('list_operations', r.listOperations!, 'count');
    yield fig('unsure_paging', r.unsurePaging!, 'count');
    yield fig('problems', r.problems!, 'count');
  }
}

export default async function* bench(): AsyncGenerator<Figure> {
  yield* importFigures();
  const sb = await startSandboxProcess(TOTAL);
  try {
    const catalog = await ConnectorCatalog.open(memoryConnectorStore());
    const token = sb.credentials.crm.accessToken;
    const applier: AuthApplier = {
      apply: async (r) => void (r.headers.authorization = `Bearer ${token}`),
      secretValues: () => [token],
    };
    let events = 0;
    const client = new ConnectorClient(catalog.get('crm-hubspot'), { baseUrl: sb.urls.crm }, applier, () => events++, {
      rateLimits: { requestsPerSecond: 100_000, burst: 1000, maxConcurrency: 4 },
    });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    let n = 0;
    let rssAtCheckpoint = 0;
    const started = performance.now();
    for await (const record of client.list('contacts', { pageSize: 100 })) {
      if (record.id === undefined) throw new Error('record without id');
      n++;
      if (n === CHECKPOINT) {
        globalThis.gc?.();
        rssAtCheckpoint = process.memoryUsage().rss;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    globalThis.gc?.();
    const rssAtEnd = process.memoryUsage().rss;
    clearInterval(sampler);
    peak = Math.max(peak, rssAtEnd);
    if (n !== TOTAL) throw new Error(`streamed ${n} records, expected ${TOTAL}`);
    yield { bench: 'connectors', figure: 'records_per_s', value: Math.round(n / seconds), unit: '1/s' };
    yield { bench: 'connectors', figure: 'records', value: n, unit: 'count' };
    yield { bench: 'connectors', figure: 'call_events', value: events, unit: 'count' };
    yield { bench: 'connectors', figure: 'peak_rss', value: Math.round((peak / MB) * 10) / 10, unit: 'MB' };
    yield {
      bench: 'connectors',
      figure: `rss_at_${CHECKPOINT}`,
      value: Math.round((rssAtCheckpoint / MB) * 10) / 10,
      unit: 'MB',
    };
    yield { bench: 'connectors', figure: `rss_at_${TOTAL}`, value: Math.round((rssAtEnd / MB) * 10) / 10, unit: 'MB' };
    yield {
      bench: 'connectors',
      figure: 'rss_ratio_end_vs_checkpoint',
      value: Math.round((rssAtEnd / rssAtCheckpoint) * 100) / 100,
      unit: 'ratio',
    };
  } finally {
    sb.stop();
  }
}

// Run directly: `node --import tsx tests/bench/connectors.bench.ts`
if (import.meta.url === `file://${process.argv[1]}`) {
  for await (const f of bench()) console.log(JSON.stringify(f));
}
