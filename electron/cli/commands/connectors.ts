import type { Command } from '../command';
import { formatTable } from '../output';

export const connectorCommands: Command[] = [
  {
    path: ['connectors', 'list'],
    usage: '[--search TEXT]',
    summary: 'List the connector catalog (built-in and imported).',
    options: { search: { type: 'string' } },
    async run({ values }, ctx) {
      const list = await ctx.call('connectors:list', values.search ? { query: String(values.search) } : {});
      if (ctx.json) return ctx.out(JSON.stringify(list));
      ctx.out(formatTable(list.map((c) => ({ id: c.id, name: c.name, kind: c.kind, auth: c.authKinds.join(','), resources: c.resources.map((r) => r.name).join(','), follows: c.followsApi })), ['id', 'name', 'kind', 'auth', 'resources', 'follows']));
    },
  },
];
