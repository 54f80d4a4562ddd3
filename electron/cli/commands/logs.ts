import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/app-error';
import type { LogFilterInput } from '../../../shared/models/logs';
import type { CommandArgs, Command } from '../command';
import { formatTable, progressLine } from '../output';

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** `--status 4xx,5xx` → the contract's status classes, rejecting typos with the list of valid ones. */
async function statusClasses(value: string | undefined): Promise<LogFilterInput['statusClass']> {
  if (!value) return undefined;
  const { StatusClass } = await import('../../../shared/models/call-event');
  const classes = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const c of classes) {
    if (!StatusClass.safeParse(c).success)
      throw new AppError(
        'invalid_input',
        `--status ${c}: use ${StatusClass.options.join(', ')} (comma-separated for several).`,
        { field: 'statusClass' },
      );
  }
  return classes as LogFilterInput['statusClass'];
}

/** The filter options shared by query and export. */
async function filterFrom(values: CommandArgs['values']): Promise<LogFilterInput> {
  const f: LogFilterInput = {
    runId: str(values.run),
    syncId: str(values.sync),
    connectionId: str(values.connection),
    errorCode: str(values['error-code']),
    method: str(values.method),
    statusClass: await statusClasses(str(values.status)),
    search: str(values.search),
    from: str(values.since),
    to: str(values.until),
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as LogFilterInput;
}

const FILTER_OPTIONS = {
  run: { type: 'string' },
  sync: { type: 'string' },
  connection: { type: 'string' },
  status: { type: 'string' },
  'error-code': { type: 'string' },
  method: { type: 'string' },
  search: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
} as const;

export const logCommands: Command[] = [
  {
    path: ['logs', 'query'],
    usage: '[--run ID] [--status CLASS] [--search TEXT] [--since ISO] [--limit N]',
    summary: 'Show logged API calls, newest first (secrets and personal data are masked).',
    help: 'CLASS is 2xx, 3xx, 4xx, 5xx or network (comma-separated for several). --search takes FTS5 syntax; put literal text like api.example.com in double quotes.',
    options: { ...FILTER_OPTIONS, limit: { type: 'string' } },
    async run({ values }, ctx) {
      const limit = values.limit === undefined ? 50 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new AppError('invalid_input', `--limit ${String(values.limit)}: give a whole number from 1 to 1000.`, {
          field: 'limit',
        });
      const page = await ctx.call('logs:query', { ...(await filterFrom(values)), limit });
      // (No `return ctx.out(…)`: the value would become the exit code.)
      if (ctx.json) {
        ctx.out(JSON.stringify(page));
        return;
      }
      ctx.out(
        formatTable(
          page.items.map((c) => ({
            time: c.time,
            method: c.method,
            status: c.status ?? c.statusClass,
            url: c.url,
            ms: Math.round(c.durationMs),
            connection: c.connectionId,
            error: c.errorCode,
          })),
          ['time', 'method', 'status', 'url', 'ms', 'connection', 'error'],
        ),
      );
      if (page.nextCursor) ctx.err(`(more calls match: raise --limit or narrow the filters)`);
    },
  },
  {
    path: ['logs', 'export'],
    usage: '--format jsonl|csv|har --out FILE [--run ID] [--status CLASS] [--search TEXT]',
    summary: 'Write the matching calls to a JSONL, CSV or HAR 1.2 file (redacted), for a support ticket.',
    options: { ...FILTER_OPTIONS, format: { type: 'string' }, out: { type: 'string' } },
    async run({ values }, ctx) {
      const { ExportFormat } = await import('../../../shared/models/logs');
      const format = ExportFormat.safeParse(values.format);
      if (!format.success)
        throw new AppError('invalid_input', `--format: use ${ExportFormat.options.join(', ')}.`, { field: 'format' });
      const out = str(values.out);
      if (!out)
        throw new AppError('invalid_input', '--out FILE is required: where to write the export.', { field: 'path' });
      const exportId = randomUUID();
      // A live progress line only for a person watching; scripts piping stdout get a clean stream.
      const showProgress = Boolean(process.stdout.isTTY) && !ctx.json;
      const core = await ctx.core();
      const stop = core.events.on('logs:exportProgress', (p) => {
        if (showProgress && p.exportId === exportId)
          process.stderr.write(`\r${progressLine(p.done, p.total, 'Exporting')}`);
      });
      try {
        const result = await ctx.call('logs:export', {
          format: format.data,
          filter: await filterFrom(values),
          path: resolve(out),
          exportId,
        });
        if (showProgress) process.stderr.write('\n');
        ctx.out(
          ctx.json
            ? JSON.stringify(result)
            : `Wrote ${result.rows} call${result.rows === 1 ? '' : 's'} (${result.bytes} bytes) to ${result.path}`,
        );
      } finally {
        stop();
      }
    },
  },
];
