import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZipFile } from 'yazl';
import type { AppEvent, ExportProgress, ExportResult } from '../../../../shared/models/logs';
import type { LogStore } from '../log-store';
import type { Redactor } from '../redact';
import { exportCalls } from './export-calls';
import { writeFileAtomically, type OpenStream } from './file-sink';

export interface SupportBundleInput {
  /** The run whose calls and app events go in; omit for "recent activity" with a filter instead. */
  runId?: string;
  app: { name?: string; version: string };
  os: { platform: string; release: string; arch: string };
  versions: { node: string; electron?: string; chrome?: string };
  /** Connector definitions the run used (declarative JSON). */
  connectors?: unknown[];
  /** Settings as stored (they hold references, not values); re-scanned here anyway. */
  settings?: Record<string, unknown>;
  /** Redactor that knows the connections' secrets; defaults to the store's safety-net redactor. */
  redactor?: Redactor;
  onProgress?: (p: ExportProgress & { phase: 'calls-jsonl' | 'calls-har' | 'zip' }) => void;
  openStream?: OpenStream;
}

const README = (input: SupportBundleInput, calls: number, appEvents: number) => `Patchbay support bundle
========================

Created ${new Date().toISOString()} by ${input.app.name ?? 'Patchbay'} ${input.app.version}${input.runId ? ` for run ${input.runId}` : ''}.

Everything in this archive was redacted before it was written: credentials, auth headers, cookies,
token-like URL parameters and fields flagged as personal data are replaced by [REDACTED] or [PII].
Settings hold references to the OS keychain, never secret values, and were scanned again on export.

Contents
  README.txt           this file
  manifest.json        app version, operating system, Node/Electron versions, counts
  calls.jsonl          the API calls (${calls}), one JSON object per line, oldest first
  calls.har            the same calls as HAR 1.2: open it in a browser's devtools Network panel
                       (drag and drop the file, or "Import HAR")
  app-events.jsonl     app events (${appEvents}): run started/finished, rejected webhooks, keychain issues
  connectors/*.json    the connector definitions the run used
  settings.json        application settings without secrets
`;

function appEventsOf(store: LogStore, runId: string | undefined): AppEvent[] {
  const out: AppEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = store.queryAppEvents({ runId, limit: 1000, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < 100_000);
  return out.reverse();
}

const safeName = (s: string) => s.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'connector';

/** Write a .zip for a support ticket: the run's logs (JSONL + HAR), environment, connectors, settings. */
export async function writeSupportBundle(
  store: LogStore,
  path: string,
  input: SupportBundleInput,
): Promise<ExportResult> {
  const redactor = input.redactor ?? store.redactor;
  const scratch = await mkdtemp(join(tmpdir(), 'patchbay-bundle-'));
  try {
    const filter = input.runId ? { runId: input.runId } : {};
    const creator = { name: input.app.name ?? 'Patchbay', version: input.app.version };
    const jsonl = await exportCalls(store, join(scratch, 'calls.jsonl'), {
      format: 'jsonl',
      filter,
      onProgress: (p) => input.onProgress?.({ ...p, phase: 'calls-jsonl' }),
    });
    await exportCalls(store, join(scratch, 'calls.har'), {
      format: 'har',
      filter,
      creator,
      onProgress: (p) => input.onProgress?.({ ...p, phase: 'calls-har' }),
    });
    const events = appEventsOf(store, input.runId).map((e) => redactor.appEvent(e));

    const zip = new ZipFile();
    const add = (name: string, text: string) => zip.addBuffer(Buffer.from(redactor.text(text), 'utf8'), name);
    add('README.txt', README(input, jsonl.rows, events.length));
    add(
      'manifest.json',
      JSON.stringify(
        {
          app: input.app,
          os: input.os,
          versions: input.versions,
          runId: input.runId ?? null,
          calls: jsonl.rows,
          appEvents: events.length,
          createdAt: new Date().toISOString(),
        },
        null,
        2,
      ),
    );
    zip.addFile(join(scratch, 'calls.jsonl'), 'calls.jsonl');
    zip.addFile(join(scratch, 'calls.har'), 'calls.har');
    add('app-events.jsonl', events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : ''));
    (input.connectors ?? []).forEach((c, i) => {
      const id = (c as { id?: unknown })?.id;
      add(
        `connectors/${typeof id === 'string' ? safeName(id) : `connector-${i + 1}`}.json`,
        JSON.stringify(redactor.value(c), null, 2),
      );
    });
    add('settings.json', JSON.stringify(redactor.value(input.settings ?? {}), null, 2));
    zip.end();

    const bytes = await writeFileAtomically(
      path,
      async (sink) => {
        for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) await sink.write(chunk);
        input.onProgress?.({ done: jsonl.rows, total: jsonl.rows, phase: 'zip' });
      },
      { openStream: input.openStream },
    );
    return { path, rows: jsonl.rows, bytes };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
