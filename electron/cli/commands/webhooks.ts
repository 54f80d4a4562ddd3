import { AppError } from '../../../shared/app-error';
import type { OutboxState } from '../../../shared/models/webhooks';
import type { Command } from '../command';
import { formatTable } from '../output';

const STATE_WORDS: Record<string, OutboxState> = {
  pending: 'pending',
  retrying: 'retrying',
  delivered: 'delivered',
  'needs-attention': 'needs_attention',
  needs_attention: 'needs_attention',
};

export const webhookCommands: Command[] = [
  {
    path: ['webhooks', 'listen'],
    usage: '[--port N]',
    summary: 'Receive webhooks in the foreground (listener, flows and outbox deliveries) until Ctrl+C.',
    help: 'Uses the port and LAN choice from the settings; --port overrides the port for this run. Events and deliveries are printed as they happen.',
    options: { port: { type: 'string' } },
    async run({ values }, ctx) {
      const core = await ctx.core();
      const port = values.port === undefined ? undefined : Number(values.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
        throw new AppError('invalid_input', `--port must be a number from 0 to 65535, got "${String(values.port)}".`, {
          field: 'port',
        });
      const print = (kind: string, payload: unknown) =>
        ctx.out(
          ctx.json ? JSON.stringify({ event: kind, ...(payload as object) }) : `${kind} ${JSON.stringify(payload)}`,
        );
      const off = [
        core.events.on('webhooks:event', (e) => print('event', e)),
        core.events.on('webhooks:delivery', (e) => print('delivery', e)),
        core.events.on('webhooks:rejected', (e) => print('rejected', e)),
      ];
      await core.webhooks.start({ listener: port === undefined ? undefined : { port } });
      const address = core.webhooks.listenerAddress()!;
      if (ctx.json) ctx.out(JSON.stringify({ listening: address.url }));
      else {
        ctx.out(`Listening on ${address.url}`);
        for (const e of await core.webhooks.listEndpoints())
          ctx.out(
            `  ${e.name.padEnd(24)} ${address.url}${e.path}${e.hasSecret ? '' : '  (no secret yet: requests get 503)'}`,
          );
        ctx.out('Press Ctrl+C to stop.');
      }
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      for (const o of off) o();
    },
  },
  {
    path: ['webhooks', 'outbox'],
    usage: '[--state pending|retrying|delivered|needs-attention] [--limit N]',
    summary: 'List outgoing deliveries (newest first) with the count of each state.',
    options: { state: { type: 'string' }, limit: { type: 'string' } },
    async run({ values }, ctx) {
      const { OUTBOX_STATES } = await import('../../../shared/models/webhooks');
      const word = values.state === undefined ? undefined : String(values.state);
      const state = word === undefined ? undefined : STATE_WORDS[word];
      if (word !== undefined && !state)
        throw new AppError(
          'invalid_input',
          `--state must be one of ${OUTBOX_STATES.join(', ').replace('needs_attention', 'needs-attention')}, got "${word}".`,
          { field: 'state' },
        );
      const limit = values.limit === undefined ? 100 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new AppError(
          'invalid_input',
          `--limit must be a whole number from 1 to 1000, got "${String(values.limit)}".`,
          { field: 'limit' },
        );
      const { items, counts } = await ctx.call('webhooks:outbox', { state, limit });
      if (ctx.json) {
        ctx.out(JSON.stringify({ items, counts }));
        return;
      }
      ctx.out(
        formatTable(
          items.map((d) => ({
            id: d.id,
            state: d.state,
            target: d.targetId,
            key: d.orderingKey,
            attempts: d.attempts,
            next: d.nextAttemptAt,
            error: d.lastError?.slice(0, 80),
          })),
          ['id', 'state', 'target', 'key', 'attempts', 'next', 'error'],
        ),
      );
      ctx.out(OUTBOX_STATES.map((s) => `${s.replace('_', ' ')}: ${counts[s] ?? 0}`).join(' · '));
    },
  },
  {
    path: ['webhooks', 'replay'],
    usage: '<id>...',
    summary: 'Send deliveries again (same idempotency ids); the running app or `webhooks listen` delivers them.',
    async run({ positionals }, ctx) {
      if (positionals.length === 0)
        throw new AppError(
          'invalid_input',
          'Give one or more delivery ids: patchbay webhooks replay <id>... ("patchbay webhooks outbox --state needs-attention" lists them).',
          { field: 'id' },
        );
      const replayed = await ctx.call('webhooks:replay', { ids: positionals });
      if (ctx.json) ctx.out(JSON.stringify(replayed));
      else
        ctx.out(
          `${replayed.length} deliver${replayed.length === 1 ? 'y' : 'ies'} queued again: ${replayed.map((d) => d.id).join(', ')}`,
        );
    },
  },
];
