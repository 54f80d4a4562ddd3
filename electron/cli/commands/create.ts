import { AppError } from '../../../shared/app-error';
import type { CommandContext, Command } from '../command';

/**
 * Creating objects without writing YAML: each command saves through the same channels as the app,
 * so what it makes is exactly what a workspace file describes (`patchbay export` shows it).
 */

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function required(value: unknown, option: string, usage: string): string {
  const s = str(value)?.trim();
  if (!s) throw new AppError('invalid_input', `${option} is required: ${usage}`, { field: option });
  return s;
}

/** `<connection>/<resource>`, the connection by id or name (the resource is what follows the last "/"). */
async function resolveEnd(ctx: CommandContext, ref: string, option: string) {
  const cut = ref.lastIndexOf('/');
  if (cut <= 0 || cut === ref.length - 1)
    throw new AppError(
      'invalid_input',
      `${option} takes <connection>/<resource>, e.g. "Acme CRM/contacts"; got "${ref}".`,
      {
        field: option,
      },
    );
  const wanted = ref.slice(0, cut).trim();
  const resource = ref.slice(cut + 1).trim();
  const all = await ctx.call('connections:list', {});
  const c = all.find((x) => x.id === wanted) ?? all.find((x) => x.name.toLowerCase() === wanted.toLowerCase());
  if (!c)
    throw new AppError(
      'not_found',
      `${option}: no connection "${wanted}". Known: ${all.map((x) => `"${x.name}"`).join(', ') || '(none)'}.`,
      { field: option },
    );
  return { connectionId: c.id, resource, connectionName: c.name };
}

async function resolveMapping(ctx: CommandContext, ref: string) {
  const all = await ctx.call('mappings:list', {});
  const m = all.find((x) => x.id === ref) ?? all.find((x) => x.name.toLowerCase() === ref.trim().toLowerCase());
  if (!m)
    throw new AppError(
      'not_found',
      `--mapping: no mapping "${ref}". Known: ${all.map((x) => `"${x.name}"`).join(', ') || '(none)'}.`,
      { field: 'mapping' },
    );
  return m;
}

const SCHEMES = ['standard', 'shopify', 'stripe', 'hmac'] as const;

export const creationCommands: Command[] = [
  {
    path: ['mappings', 'create'],
    usage: '--from <conn>/<resource> --to <conn>/<resource> [--name NAME] [--suggest]',
    summary: 'Create a mapping between two resources; --suggest fills rules and a match key by field similarity.',
    help: 'Connections are given by id or name. Without --suggest the mapping has no rules yet (add them in the app or in its workspace file).',
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      name: { type: 'string' },
      suggest: { type: 'boolean' },
      'default-country': { type: 'string' },
    },
    async run({ values }, ctx) {
      const usage = 'patchbay mappings create --from <conn>/<resource> --to <conn>/<resource> [--suggest]';
      const source = await resolveEnd(ctx, required(values.from, '--from', usage), '--from');
      const target = await resolveEnd(ctx, required(values.to, '--to', usage), '--to');
      const ends = {
        source: { connectionId: source.connectionId, resource: source.resource },
        target: { connectionId: target.connectionId, resource: target.resource },
      };
      const country = str(values['default-country']);
      const suggested =
        values.suggest === true
          ? await ctx.call('mappings:suggest', { ...ends, ...(country ? { defaultCountry: country } : {}) })
          : undefined;
      const saved = await ctx.call('mappings:save', {
        name:
          str(values.name) ??
          `${source.connectionName} ${source.resource} → ${target.connectionName} ${target.resource}`,
        ...ends,
        rules: suggested?.rules ?? [],
        matchKey: suggested?.matchKey ?? null,
      });
      if (ctx.json) return ctx.out(JSON.stringify(saved));
      const m = saved.mapping;
      ctx.out(`Created mapping "${m.name}" [${m.id}] v${m.version} with ${m.rules.length} rule(s).`);
      if (m.matchKey) ctx.out(`Match key: ${m.matchKey.targetField} (${m.matchKey.normalization}).`);
      for (const issue of saved.issues) ctx.out(`! rule ${issue.ruleId} (${issue.target}): ${issue.message}`);
      if (saved.unmappedRequired.length)
        ctx.out(`! required target fields without a rule: ${saved.unmappedRequired.join(', ')}`);
      ctx.out(`Preview it on live records: patchbay mappings preview ${m.id}`);
    },
  },
  {
    path: ['sync', 'create'],
    usage:
      '--mapping M [--name NAME] [--schedule CRON] [--timezone TZ] [--mode full|incremental] [--strategy upsert|create_only|update_only]',
    summary: 'Create a sync for a mapping (by id or name), optionally on a cron schedule.',
    options: {
      mapping: { type: 'string' },
      name: { type: 'string' },
      schedule: { type: 'string' },
      timezone: { type: 'string' },
      mode: { type: 'string' },
      strategy: { type: 'string' },
    },
    async run({ values }, ctx) {
      const mapping = await resolveMapping(
        ctx,
        required(values.mapping, '--mapping', 'patchbay sync create --mapping M'),
      );
      const cron = str(values.schedule);
      const timezone = str(values.timezone);
      const saved = await ctx.call('syncs:save', {
        name: str(values.name) ?? mapping.name,
        mappingId: mapping.id,
        ...(values.mode ? { mode: values.mode as 'full' } : {}),
        ...(values.strategy ? { writeStrategy: values.strategy as 'upsert' } : {}),
        schedule: cron ? { cron, ...(timezone ? { timezone } : {}) } : null,
      });
      if (ctx.json) return ctx.out(JSON.stringify(saved));
      ctx.out(
        `Created sync "${saved.name}" [${saved.id}] for mapping "${mapping.name}"${saved.schedule ? `, schedule ${saved.schedule.cron}` : ', run on demand'}.`,
      );
      ctx.out(`Try it without writing: patchbay sync run ${saved.id} --dry-run`);
    },
  },
  {
    path: ['webhooks', 'endpoints', 'add'],
    usage:
      '--name NAME --path /hooks/x --scheme standard|shopify|stripe|hmac [--flow MAPPING] [--catch-up] [--secret-stdin]',
    summary:
      'Add a webhook endpoint; --flow runs a mapping on each verified event; the signing secret comes from stdin.',
    help: "hmac options: --header NAME (default x-signature), --encoding hex|base64, --prefix TEXT. --catch-up lists missed events from the mapping's source.",
    options: {
      name: { type: 'string' },
      path: { type: 'string' },
      scheme: { type: 'string' },
      flow: { type: 'string' },
      'catch-up': { type: 'boolean' },
      header: { type: 'string' },
      encoding: { type: 'string' },
      prefix: { type: 'string' },
      'secret-stdin': { type: 'boolean' },
    },
    async run({ values }, ctx) {
      const usage = 'patchbay webhooks endpoints add --name NAME --path /hooks/x --scheme standard';
      const name = required(values.name, '--name', usage);
      const path = required(values.path, '--path', usage);
      const kind = required(values.scheme, '--scheme', usage);
      if (!(SCHEMES as readonly string[]).includes(kind))
        throw new AppError('invalid_input', `--scheme must be one of ${SCHEMES.join(', ')}; got "${kind}".`, {
          field: 'scheme',
        });
      const mapping = str(values.flow) ? await resolveMapping(ctx, str(values.flow)!) : undefined;
      const scheme =
        kind === 'hmac'
          ? {
              kind: 'hmac' as const,
              ...(values.header ? { header: str(values.header)! } : {}),
              ...(values.encoding ? { encoding: str(values.encoding) as 'hex' } : {}),
              ...(values.prefix ? { prefix: str(values.prefix)! } : {}),
            }
          : { kind: kind as 'standard' };
      const secret = values['secret-stdin'] === true ? (await ctx.readStdin()).replace(/\r?\n$/, '') : undefined;
      if (values['secret-stdin'] === true && !secret)
        throw new AppError('invalid_input', 'No secret on standard input (--secret-stdin).', { field: 'secret' });
      const saved = await ctx.call('webhooks:saveEndpoint', {
        name,
        path,
        scheme,
        flowId: mapping ? `mapping:${mapping.id}` : null,
        ...(mapping && values['catch-up'] === true ? { catchUpId: `mapping:${mapping.id}` } : {}),
      });
      if (secret) await ctx.call('webhooks:setSecret', { id: saved.id, secret });
      if (ctx.json) return ctx.out(JSON.stringify({ ...saved, hasSecret: saved.hasSecret || !!secret }));
      ctx.out(
        `Created webhook endpoint "${saved.name}" [${saved.id}] at ${saved.path}${mapping ? `, flow: mapping "${mapping.name}"` : ''}.`,
      );
      if (!secret && !saved.hasSecret) ctx.out(`Set its signing secret: patchbay secrets set ${saved.id} secret`);
    },
  },
  {
    path: ['webhooks', 'targets', 'add'],
    usage: '--name NAME --url URL [--secret-stdin]',
    summary: 'Add an outgoing webhook target (Standard Webhooks signed); the signing secret comes from stdin.',
    options: {
      name: { type: 'string' },
      url: { type: 'string' },
      id: { type: 'string' },
      'secret-stdin': { type: 'boolean' },
    },
    async run({ values }, ctx) {
      const usage = 'patchbay webhooks targets add --name NAME --url URL';
      const name = required(values.name, '--name', usage);
      const url = required(values.url, '--url', usage);
      const id =
        str(values.id) ??
        (name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '')
          .slice(0, 40) ||
          'target');
      const secret = values['secret-stdin'] === true ? (await ctx.readStdin()).replace(/\r?\n$/, '') : undefined;
      const saved = await ctx.call('webhooks:saveTarget', { id, name, url, disabled: false });
      if (secret) await ctx.call('webhooks:setSecret', { id: saved.id, secret });
      if (ctx.json) return ctx.out(JSON.stringify({ ...saved, hasSecret: saved.hasSecret || !!secret }));
      ctx.out(`Created webhook target "${saved.name}" [${saved.id}] → ${saved.url}.`);
      if (!secret && !saved.hasSecret) ctx.out(`Set its signing secret: patchbay secrets set ${saved.id} secret`);
    },
  },
];
