import { resolve } from 'node:path';
import { AppError } from '../../../shared/app-error';
import type { Command, CommandContext } from '../command';
import { formatTable, progressLine } from '../output';

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

function nameArg(positionals: string[], usage: string): string {
  const name = positionals.join(' ').trim();
  if (!name)
    throw new AppError(
      'invalid_input',
      `Give the dataset's name or id: patchbay ${usage}. "patchbay datasets list" shows them.`,
      { field: 'name' },
    );
  return name;
}

/** A live progress line only for a person watching stderr; scripts and --json get clean streams. */
async function withProgress<T>(ctx: CommandContext, datasetId: string, work: () => Promise<T>): Promise<T> {
  const show = Boolean(process.stderr.isTTY) && !ctx.json;
  const core = await ctx.core();
  const stop = core.events.on('datasets:progress', (p) => {
    if (show && p.datasetId === datasetId)
      process.stderr.write(
        `\r\x1b[2K${progressLine(p.done, p.total, p.phase === 'done' ? 'Done' : `Reading ${p.source}`)}`,
      );
  });
  try {
    return await work();
  } finally {
    stop();
    if (show) process.stderr.write('\n');
  }
}

export const datasetCommands: Command[] = [
  {
    path: ['datasets', 'list'],
    summary: 'Show the datasets with their rows per source and last refresh.',
    async run(_args, ctx) {
      const list = await ctx.call('datasets:list', {});
      if (ctx.json) {
        ctx.out(JSON.stringify(list));
        return;
      }
      ctx.out(
        formatTable(
          list.map((d) => ({
            id: d.id,
            name: d.name,
            currency: d.reportingCurrency,
            rows: d.rows,
            sources: d.sources.map((s) => `${s.id}:${s.rows}`).join(' '),
            refreshed: d.lastRefreshAt,
          })),
          ['id', 'name', 'currency', 'rows', 'sources', 'refreshed'],
        ),
      );
    },
  },
  {
    path: ['datasets', 'refresh'],
    usage: '<name> [--full]',
    summary: 'Read every source of a dataset (incrementally where it can) and its rates, with progress.',
    options: { full: { type: 'boolean' } },
    async run({ positionals, values }, ctx) {
      const dataset = await ctx.call('datasets:get', { id: nameArg(positionals, 'datasets refresh <name>') });
      const result = await withProgress(ctx, dataset.id, () =>
        ctx.call('datasets:refresh', { id: dataset.id, full: values.full === true }),
      );
      if (ctx.json) {
        ctx.out(JSON.stringify(result));
        return;
      }
      ctx.out(
        formatTable(
          result.sources.map((s) => ({
            source: s.sourceId,
            mode: s.mode,
            records: s.records,
            rows: s.rows,
            inserted: s.inserted,
            updated: s.updated,
            error: s.error?.message,
          })),
          ['source', 'mode', 'records', 'rows', 'inserted', 'updated', 'error'],
        ),
      );
      if (result.rates.error)
        ctx.err(`Rates were not updated (${result.rates.error}); rows were converted with the rates stored before.`);
      ctx.out(`${dataset.name}: ${result.rows} rows.`);
      // A source that failed is a failed refresh for scripts, even though the others were read.
      return result.sources.some((s) => s.error) ? 1 : 0;
    },
  },
  {
    path: ['datasets', 'export'],
    usage:
      '<name> --format csv --out FILE [--series kpis|revenue|top_products|reconciliation] [--from DATE] [--to DATE] [--source ID]',
    summary: 'Write a dataset (every row, normalized) or one dashboard series to a CSV file.',
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      series: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      source: { type: 'string', multiple: true },
    },
    async run({ positionals, values }, ctx) {
      const name = nameArg(positionals, 'datasets export <name> --format csv --out FILE');
      if ((values.format ?? 'csv') !== 'csv')
        throw new AppError('invalid_input', `--format ${String(values.format)}: only csv is supported.`, {
          field: 'format',
        });
      const out = str(values.out);
      if (!out)
        throw new AppError('invalid_input', '--out FILE is required: where to write the CSV.', { field: 'path' });
      const { SeriesName } = await import('../../../shared/models/datasets');
      const series = values.series === undefined ? undefined : SeriesName.safeParse(values.series);
      if (series && !series.success)
        throw new AppError('invalid_input', `--series: use ${SeriesName.options.join(', ')}.`, { field: 'series' });
      const sources = (values.source as string[] | undefined)?.filter(Boolean);
      const filters = { from: str(values.from), to: str(values.to), ...(sources?.length ? { sources } : {}) };
      const result = await ctx.call('datasets:exportCsv', {
        id: name,
        path: resolve(out),
        series: series?.data,
        filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
      });
      ctx.out(
        ctx.json
          ? JSON.stringify(result)
          : `Wrote ${result.rows} row${result.rows === 1 ? '' : 's'} (${result.bytes} bytes) to ${result.path}`,
      );
    },
  },
];
