import Ajv from 'ajv';
import { chmodSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { csvCell, exportCalls, LogStore, writeSupportBundle } from '../../../electron/core/logs';
import { makeTempDir } from '../../helpers/tmp';
import { makeCall, readZip } from './helpers';

const schema = JSON.parse(readFileSync(new URL('../../fixtures/har-1.2.schema.json', import.meta.url), 'utf8'));

function harValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The two formats HAR uses, checked without pulling in ajv-formats.
  ajv.addFormat(
    'date-time',
    (s: string) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  );
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  return ajv.compile(schema);
}

let tmp: ReturnType<typeof makeTempDir>;
let store: LogStore;
let out: string;

beforeEach(() => {
  tmp = makeTempDir('patchbay-export-');
  store = LogStore.open({ dataDir: join(tmp.dir, 'data') });
  out = join(tmp.dir, 'out');
  mkdirSync(out);
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

function seed(n: number) {
  for (let i = 0; i < n; i++) {
    store.append(
      makeCall(i, {
        method: i % 4 === 0 ? 'POST' : 'GET',
        requestHeaders: { 'content-type': 'application/json', accept: 'application/json' },
        responseHeaders: {
          'content-type': 'application/json',
          ...(i % 10 === 3 ? { location: 'https://api.example.com/v2/x' } : {}),
        },
        ...(i % 4 === 0 ? { requestBody: `{"name":"=cmd|' /C calc'!A0","i":${i}}`, bytesOut: 30 } : {}),
        responseBody: i % 2 ? '{"ok":true}' : undefined,
        ...(i % 17 === 0
          ? { status: undefined, statusClass: 'network' as const, errorCode: 'network', errorMessage: 'ECONNREFUSED' }
          : {}),
      }),
    );
  }
}

describe('exports', () => {
  it('writes JSONL with progress, one event per line, oldest first', async () => {
    seed(2500);
    const progress: { done: number; total: number }[] = [];
    const res = await exportCalls(store, join(out, 'a.jsonl'), {
      format: 'jsonl',
      onProgress: (p) => progress.push(p),
      pageSize: 1000,
    });
    const lines = readFileSync(join(out, 'a.jsonl'), 'utf8').trimEnd().split('\n');
    expect(res.rows).toBe(2500);
    expect(lines).toHaveLength(2500);
    expect(JSON.parse(lines[0]!).id).toMatch(/^call-0-/);
    expect(progress).toEqual([
      { done: 0, total: 2500 },
      { done: 1000, total: 2500 },
      { done: 2000, total: 2500 },
      { done: 2500, total: 2500 },
    ]);
  });

  it('writes RFC 4180 CSV and neutralises formula injection', async () => {
    store.append(
      makeCall(1, {
        id: 'inj',
        errorMessage: '=HYPERLINK("http://evil")',
        resource: '+1',
        operation: '@sum',
        requestBody: 'a,b\r\n"c"',
        status: 400,
        statusClass: '4xx',
      }),
    );
    store.append(makeCall(2, { id: 'neg', durationMs: 5, retryWaitMs: 0 }));
    await exportCalls(store, join(out, 'a.csv'), { format: 'csv' });
    const text = readFileSync(join(out, 'a.csv'), 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]!.startsWith('time,id,duration_ms,')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain(",'+1,'@sum,");
    expect(text).toContain('"a,b\r\n""c"""');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('plain')).toBe('plain');
  });

  it('writes HAR 1.2 that validates against the schema and shows the calls', async () => {
    seed(300);
    store.append(makeCall(400, { id: 'frag', url: 'https://api.example.com/a?x=1&y=%20z#frag' }));
    const res = await exportCalls(store, join(out, 'a.har'), {
      format: 'har',
      creator: { name: 'Patchbay', version: '0.1.0' },
    });
    const har = JSON.parse(readFileSync(join(out, 'a.har'), 'utf8'));
    const validate = harValidator();
    const ok = validate(har);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(res.rows).toBe(301);
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator).toEqual({ name: 'Patchbay', version: '0.1.0' });
    expect(har.log.entries).toHaveLength(301);
    const post = har.log.entries.find((e: { request: { method: string } }) => e.request.method === 'POST');
    expect(post.request.postData.mimeType).toBe('application/json');
    const net = har.log.entries.find((e: { _errorCode?: string }) => e._errorCode === 'network');
    expect(net.response.status).toBe(0);
    const frag = har.log.entries.at(-1);
    expect(frag.request.url).toBe('https://api.example.com/a?x=1&y=%20z');
    expect(frag.request.queryString).toEqual([
      { name: 'x', value: '1' },
      { name: 'y', value: ' z' },
    ]);
    // The validator is strict enough to fail on a broken entry.
    delete har.log.entries[0].timings.wait;
    har.log.entries[1].bogus = 1;
    expect(validate(har)).toBe(false);
    expect(validate.errors!.length).toBeGreaterThanOrEqual(2);
  });

  it('exports only the selected rows or the current filter', async () => {
    seed(100);
    const ids = store.query({ limit: 3 }).items.map((e) => e.id);
    expect((await exportCalls(store, join(out, 's.jsonl'), { format: 'jsonl', filter: { ids } })).rows).toBe(3);
    expect(
      (
        await exportCalls(store, join(out, 'f.jsonl'), {
          format: 'jsonl',
          filter: { statusClass: '5xx', runId: 'run-1' },
        })
      ).rows,
    ).toBe(store.count({ statusClass: '5xx', runId: 'run-1' }));
  });

  it('removes the partial file when the disk fills up mid-export, and leaves the store untouched', async () => {
    seed(3000);
    let written = 0;
    const openStream = () =>
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          written += chunk.length;
          if (written > 50_000) cb(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
          else cb();
        },
      });
    const target = join(out, 'full.har');
    const err = await exportCalls(store, target, { format: 'har', openStream, pageSize: 200 }).catch((e) => e);
    expect(AppError.is(err, 'io_error')).toBe(true);
    expect(err.message).toMatch(/disk is full/);
    expect(readdirSync(out)).toEqual([]);
    expect(store.count()).toBe(3000);
  });

  it('removes the partial file for a real failing file stream (ENOSPC via /dev/full) and reports an unwritable folder', async () => {
    seed(50);
    if (existsSync('/dev/full')) {
      const err = await exportCalls(store, join(out, 'x.jsonl'), {
        format: 'jsonl',
        openStream: () => createWriteStream('/dev/full'),
      }).catch((e) => e);
      expect(AppError.is(err, 'io_error')).toBe(true);
      expect(readdirSync(out)).toEqual([]);
    }
    const missing = await exportCalls(store, join(out, 'nope', 'x.csv'), { format: 'csv' }).catch((e) => e);
    expect(AppError.is(missing, 'io_error')).toBe(true);
    expect(missing.message).toMatch(/does not exist/);
    if (process.getuid?.() !== 0) {
      const ro = join(tmp.dir, 'ro');
      mkdirSync(ro);
      chmodSync(ro, 0o500);
      const denied = await exportCalls(store, join(ro, 'x.csv'), { format: 'csv' }).catch((e) => e);
      expect(AppError.is(denied, 'io_error')).toBe(true);
      expect(denied.message).toMatch(/not writable/);
      chmodSync(ro, 0o700);
      expect(readdirSync(ro)).toEqual([]);
    }
  });

  it('rejects a bad filter before creating any file', async () => {
    seed(5);
    const err = await exportCalls(store, join(out, 'bad.jsonl'), {
      format: 'jsonl',
      filter: { search: '"open' },
    }).catch((e) => e);
    expect(AppError.is(err, 'invalid_input')).toBe(true);
    expect(readdirSync(out)).toEqual([]);
  });

  it('writes a support bundle with the run logs, environment, connectors, settings and README', async () => {
    seed(30);
    store.appendAppEvent({ kind: 'run_started', runId: 'run-1', message: 'started' });
    store.appendAppEvent({ kind: 'run_finished', runId: 'run-1', message: 'finished' });
    store.appendAppEvent({ kind: 'run_started', runId: 'run-2', message: 'other run' });
    const phases = new Set<string>();
    const res = await writeSupportBundle(store, join(out, 'bundle.zip'), {
      runId: 'run-1',
      app: { name: 'Patchbay', version: '0.1.0' },
      os: { platform: 'linux', release: '6.1', arch: 'x64' },
      versions: { node: process.versions.node, electron: '41.0.0' },
      connectors: [{ id: 'crm', name: 'CRM', auth: { kind: 'apiKey', header: 'X-Api-Key' } }],
      settings: { theme: 'dark', logs: { retentionDays: 30 }, smtpPassword: 'hunter2hunter2', apiToken: 'zzz-top' },
      onProgress: (p) => phases.add(p.phase),
    });
    expect(res.rows).toBe(10);
    expect([...phases].sort()).toEqual(['calls-har', 'calls-jsonl', 'zip']);
    const zip = readZip(join(out, 'bundle.zip'));
    expect([...zip.keys()].sort()).toEqual([
      'README.txt',
      'app-events.jsonl',
      'calls.har',
      'calls.jsonl',
      'connectors/crm.json',
      'manifest.json',
      'settings.json',
    ]);
    expect(zip.get('README.txt')!.toString()).toMatch(/HAR 1\.2/);
    const manifest = JSON.parse(zip.get('manifest.json')!.toString());
    expect(manifest).toMatchObject({
      app: { version: '0.1.0' },
      os: { platform: 'linux' },
      versions: { electron: '41.0.0' },
      runId: 'run-1',
      calls: 10,
      appEvents: 2,
    });
    expect(zip.get('calls.jsonl')!.toString().trim().split('\n')).toHaveLength(10);
    expect(harValidator()(JSON.parse(zip.get('calls.har')!.toString()))).toBe(true);
    const settings = JSON.parse(zip.get('settings.json')!.toString());
    expect(settings).toEqual({
      theme: 'dark',
      logs: { retentionDays: 30 },
      smtpPassword: '[REDACTED]',
      apiToken: '[REDACTED]',
    });
    expect(zip.get('app-events.jsonl')!.toString()).not.toContain('other run');
  });

  it('removes a partial support bundle on failure', async () => {
    seed(10);
    const openStream = () =>
      new Writable({ write: (_c, _e, cb) => cb(Object.assign(new Error('EIO'), { code: 'EIO' })) });
    const err = await writeSupportBundle(store, join(out, 'b.zip'), {
      app: { version: '1' },
      os: { platform: 'x', release: '1', arch: 'y' },
      versions: { node: '20' },
      openStream,
    }).catch((e) => e);
    expect(AppError.is(err, 'io_error')).toBe(true);
    expect(readdirSync(out)).toEqual([]);
  });
});
