import { resolve } from 'node:path';
import { AppError } from '../../../shared/app-error';
import type { Pagination } from '../../../shared/models/connector';
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
      ctx.out(
        formatTable(
          list.map((c) => ({
            id: c.id,
            name: c.name,
            kind: c.kind,
            auth: c.authKinds.join(','),
            resources: c.resources.map((r) => r.name).join(','),
            follows: c.followsApi,
          })),
          ['id', 'name', 'kind', 'auth', 'resources', 'follows'],
        ),
      );
    },
  },
];

const SIMPLE_PAGINATION: Record<string, Pagination> = {
  none: { style: 'none' },
  link_header: { style: 'link_header' },
};

connectorCommands.push({
  path: ['connectors', 'import-openapi'],
  usage: '<file|url> --name NAME [--id ID] [--base-url URL] [--resource NAME]... [--pagination NAME=STYLE]...',
  summary: 'Import an OpenAPI 3 document as a Generic REST connector (every resource with a list operation).',
  options: {
    name: { type: 'string' },
    id: { type: 'string' },
    'base-url': { type: 'string' },
    resource: { type: 'string', multiple: true },
    pagination: { type: 'string', multiple: true },
  },
  async run({ positionals, values }, ctx) {
    const raw = positionals[0];
    if (!raw) throw new AppError('invalid_input', 'Give the OpenAPI document: a file path or an http(s) URL.');
    const source = /^https?:\/\//i.test(raw) ? raw : resolve(raw);
    const name = String(values.name ?? '');
    const inspection = await ctx.call('connectors:inspectOpenApi', { source });
    const pagination: Record<string, Pagination> = {};
    for (const pair of (values.pagination as string[] | undefined) ?? []) {
      const [resource, style] = pair.split('=');
      const chosen = style ? SIMPLE_PAGINATION[style] : undefined;
      if (!resource || !chosen)
        throw new AppError('invalid_input', `--pagination expects NAME=none or NAME=link_header, got "${pair}"`, {
          field: 'pagination',
        });
      pagination[resource] = chosen;
    }
    const { defaultResourceChoices } = await import('../../core/connectors/openapi/default-choices');
    const resources = defaultResourceChoices(inspection.operations, {
      only: values.resource as string[] | undefined,
      pagination,
    });
    const id = String(
      values.id ??
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, ''),
    );
    const def = await ctx.call('connectors:importOpenApi', {
      source,
      id,
      name,
      ...(values['base-url'] ? { baseUrl: String(values['base-url']) } : {}),
      resources,
    });
    ctx.out(
      ctx.json
        ? JSON.stringify(def)
        : `Imported "${def.name}" (${def.id}) from ${inspection.title} ${inspection.version}: ${def.resources.map((r) => r.name).join(', ')}.`,
    );
  },
});
