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

const WSDL_ROLES = ['list', 'get', 'create', 'update', 'upsert', 'delete'] as const;

connectorCommands.push({
  path: ['connectors', 'import-wsdl'],
  usage:
    '<file|url> --name NAME [--id ID] [--base-url URL] [--resource NAME]... [--operation RESOURCE.ROLE=OPERATION]... [--primary-key RESOURCE=FIELD]... [--allow-missing-imports] [--inspect]',
  summary:
    'Import a WSDL 1.1 (SOAP 1.1/1.2, document or rpc) as a SOAP connector: reads (list with paging, get) and writes per resource.',
  options: {
    name: { type: 'string' },
    id: { type: 'string' },
    'base-url': { type: 'string' },
    resource: { type: 'string', multiple: true },
    operation: { type: 'string', multiple: true },
    'primary-key': { type: 'string', multiple: true },
    'allow-missing-imports': { type: 'boolean' },
    inspect: { type: 'boolean' },
  },
  async run({ positionals, values }, ctx) {
    const raw = positionals[0];
    if (!raw) throw new AppError('invalid_input', 'Give the WSDL: a file path or an http(s) URL.');
    const source = /^https?:\/\//i.test(raw) ? raw : resolve(raw);
    const allowMissingImports = values['allow-missing-imports'] === true;
    const inspection = await ctx.call('connectors:inspectWsdl', { source, allowMissingImports });
    if (values.inspect) {
      if (ctx.json) return ctx.out(JSON.stringify(inspection));
      ctx.out(
        formatTable(
          inspection.operations.map((o) => ({
            operation: o.name,
            style: `${o.style}/${o.use}`,
            role: o.role,
            resource: o.resource,
            paging: o.pagination?.style ?? '',
            records: o.recordSelector ?? '',
          })),
          ['operation', 'style', 'role', 'resource', 'paging', 'records'],
        ),
      );
      for (const s of inspection.skipped) ctx.out(`skipped ${s.operation}: ${s.reason}`);
      for (const s of inspection.skippedImports) ctx.out(`skipped import ${s.document}: ${s.reason}`);
      return;
    }
    const name = String(values.name ?? '');
    const { defaultWsdlChoices } = await import('../../core/connectors/soap/import');
    const resources = defaultWsdlChoices(inspection, values.resource as string[] | undefined);
    for (const spec of (values.operation as string[] | undefined) ?? []) {
      const m = /^([a-z][a-z0-9_]*)\.(\w+)=(.+)$/.exec(spec);
      const role = m?.[2] as (typeof WSDL_ROLES)[number] | undefined;
      if (!m || !role || !WSDL_ROLES.includes(role))
        throw new AppError(
          'invalid_input',
          `--operation expects RESOURCE.ROLE=OPERATION with ROLE one of ${WSDL_ROLES.join(', ')}, got "${spec}"`,
          { field: 'operation' },
        );
      let rc = resources.find((r) => r.name === m[1]);
      if (!rc) resources.push((rc = { name: m[1]!, operations: {} }));
      rc.operations[role] = m[3]!;
    }
    for (const spec of (values['primary-key'] as string[] | undefined) ?? []) {
      const [resource, field] = spec.split('=');
      const rc = resources.find((r) => r.name === resource);
      if (!rc || !field)
        throw new AppError(
          'invalid_input',
          `--primary-key expects RESOURCE=FIELD for a chosen resource, got "${spec}"`,
          {
            field: 'primary-key',
          },
        );
      rc.primaryKey = field;
    }
    const id = String(
      values.id ??
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, ''),
    );
    const def = await ctx.call('connectors:importWsdl', {
      source,
      id,
      name,
      ...(allowMissingImports ? { allowMissingImports } : {}),
      ...(values['base-url'] ? { baseUrl: String(values['base-url']) } : {}),
      resources,
    });
    if (ctx.json) return ctx.out(JSON.stringify({ ...def, soap: { ...def.soap, documents: undefined } }));
    ctx.out(
      `Imported "${def.name}" (${def.id}) from ${inspection.service} (SOAP ${inspection.version}): ` +
        def.resources
          .map(
            (r) =>
              `${r.name} [${Object.entries(r.operations)
                .map(([role, op]) => `${role}=${op?.soapOperation}`)
                .join(', ')}]`,
          )
          .join('; ') +
        '.',
    );
    for (const s of inspection.skipped) ctx.out(`skipped ${s.operation}: ${s.reason}`);
    for (const s of inspection.skippedImports) ctx.out(`skipped import ${s.document}: ${s.reason}`);
  },
});
