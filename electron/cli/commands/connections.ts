import { AppError } from '../../../shared/app-error';
import type { Command } from '../command';
import { formatTable } from '../output';

/** `--set key=value` pairs become non-secret auth settings (headerName, username, tokenUrl, scopes=a b…). */
function parseSettings(pairs: string[]): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new AppError('invalid_input', `--set expects key=value, got "${pair}"`, { field: '--set' });
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    settings[key] = key === 'scopes' ? value.split(/[\s,]+/).filter(Boolean) : value;
  }
  return settings;
}

export const connectionCommands: Command[] = [
  {
    path: ['connections', 'list'],
    summary: 'List connections (secrets are never shown, only whether they are set).',
    async run(_args, ctx) {
      const list = await ctx.call('connections:list', {});
      if (ctx.json) return ctx.out(JSON.stringify(list));
      ctx.out(
        formatTable(
          list.map((c) => ({
            id: c.id,
            name: c.name,
            connector: c.connectorId,
            auth: c.authKind,
            secrets: Object.keys(c.secrets).join(',') || '-',
            'last test': c.lastTest ? `${c.lastTest.category} ${c.lastTest.at}` : 'never',
          })),
          ['id', 'name', 'connector', 'auth', 'secrets', 'last test'],
        ),
      );
    },
  },
  {
    path: ['connections', 'add'],
    usage: '--connector ID --name NAME --auth KIND [--base-url URL] [--set key=value]... [--secret-stdin FIELD]',
    summary: 'Add a connection. Secrets are read from standard input only, never from arguments.',
    help: 'Example: printf %s "$KEY" | patchbay connections add --connector crm-hubspot --name "Acme CRM" --auth bearer --base-url https://crm.example --secret-stdin token',
    options: {
      connector: { type: 'string' },
      name: { type: 'string' },
      auth: { type: 'string' },
      'base-url': { type: 'string' },
      set: { type: 'string', multiple: true },
      'allowed-host': { type: 'string', multiple: true },
      'api-version': { type: 'string' },
      contact: { type: 'string' },
      'secret-stdin': { type: 'string' },
    },
    async run({ values }, ctx) {
      const secrets: Record<string, string> = {};
      if (values['secret-stdin']) {
        const text = (await ctx.readStdin()).replace(/\r?\n$/, '');
        if (!text)
          throw new AppError(
            'invalid_input',
            `--secret-stdin ${String(values['secret-stdin'])}: nothing was read from standard input`,
            { field: 'secrets' },
          );
        secrets[String(values['secret-stdin'])] = text;
      }
      const created = await ctx.call('connections:create', {
        name: String(values.name ?? ''),
        connectorId: String(values.connector ?? ''),
        baseUrl: String(values['base-url'] ?? ''),
        authKind: String(values.auth ?? 'none') as never,
        authSettings: parseSettings((values.set as string[] | undefined) ?? []),
        ...(values['allowed-host'] ? { allowedHosts: values['allowed-host'] as string[] } : {}),
        ...(values['api-version'] ? { apiVersion: String(values['api-version']) } : {}),
        ...(values.contact ? { integrator: { contact: String(values.contact) } } : {}),
        secrets,
      });
      ctx.out(ctx.json ? JSON.stringify(created) : `Added "${created.name}" (${created.id}).`);
    },
  },
  {
    path: ['connections', 'test'],
    usage: '<id>',
    summary: 'Make a cheap call with the connection and explain the result.',
    async run({ positionals }, ctx) {
      const id = positionals[0];
      if (!id) throw new AppError('invalid_input', 'Which connection? Give its id (see "patchbay connections list").');
      const result = await ctx.call('connections:test', { id });
      ctx.out(
        ctx.json
          ? JSON.stringify(result)
          : `${result.ok ? 'OK' : 'FAILED'} (${result.category}): ${result.message}${result.ok ? '' : `\nNext step: ${result.nextStep}`}`,
      );
      return result.ok ? 0 : 1;
    },
  },
  {
    path: ['connections', 'authorize'],
    usage: '<id>',
    summary: 'OAuth2 sign-in: prints the address to open and waits for the browser to come back.',
    async run({ positionals }, ctx) {
      const id = positionals[0];
      if (!id) throw new AppError('invalid_input', 'Which connection? Give its id.');
      const view = await ctx.call('connections:authorize', { id });
      ctx.out(ctx.json ? JSON.stringify(view) : `Signed in: "${view.name}" is authorized.`);
    },
  },
  {
    path: ['connections', 'remove'],
    usage: '<id>',
    summary: 'Delete a connection and its keychain entries.',
    async run({ positionals }, ctx) {
      const id = positionals[0];
      if (!id) throw new AppError('invalid_input', 'Which connection? Give its id.');
      await ctx.call('connections:remove', { id });
      ctx.out(ctx.json ? JSON.stringify({ removed: true, id }) : `Removed ${id} and its keychain entries.`);
    },
  },
];
