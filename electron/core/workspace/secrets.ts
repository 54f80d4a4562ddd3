import { AppError } from '../../../shared/errors';
import { SECRET_FIELDS, SecretValue } from '../../../shared/models/connection';
import type { MissingSecret } from '../../../shared/models/workspace';
import type { BaseCore } from '../create-core';

/**
 * Secret fields this machine still needs: connections (what their auth kind requires and what
 * workspace files declared) and webhook endpoints and targets without a signing secret. The same
 * list backs `patchbay secrets missing`, the app's "Workspace files" panel and the start-up notices.
 */
export async function missingSecrets(core: BaseCore): Promise<MissingSecret[]> {
  const report = await core.connections.startupReport();
  if (!report.keychain.ok) throw new AppError('keychain_unavailable', report.keychain.message);
  const out: MissingSecret[] = report.missing.map((m) => ({
    owner: 'connection',
    id: m.connectionId,
    name: m.name,
    field: m.field,
    command: `patchbay secrets set ${m.connectionId} ${m.field}`,
  }));
  const webhooks = [...(await core.webhooks.listEndpoints()), ...(await core.webhooks.listTargets())];
  for (const w of webhooks)
    if (!w.hasSecret)
      out.push({
        owner: 'webhook',
        id: w.id,
        name: w.name,
        field: 'secret',
        command: `patchbay secrets set ${w.id} secret`,
      });
  return out;
}

/**
 * Store one secret in this machine's keychain: `<connection> <field>` (id or name) or a webhook
 * endpoint's or target's `<id> secret`. The value is checked like one typed in the app and never echoed.
 */
export async function setSecret(
  core: BaseCore,
  ref: string,
  field: string,
  value: string,
): Promise<{ owner: 'connection' | 'webhook'; id: string; field: string }> {
  const checked = SecretValue.safeParse(value.replace(/\r?\n$/, ''));
  if (!checked.success)
    throw new AppError('invalid_input', `The value for ${field}: ${checked.error.issues[0]?.message ?? 'invalid'}.`, {
      field,
    });
  const connections = await core.connections.list();
  const c =
    connections.find((x) => x.id === ref) ??
    connections.find((x) => x.name.trim().toLowerCase() === ref.trim().toLowerCase());
  if (c) {
    const spec = SECRET_FIELDS[c.authKind].find((s) => s.field === field);
    if (!spec || !spec.userInput) {
      const typed = SECRET_FIELDS[c.authKind].filter((s) => s.userInput).map((s) => s.field);
      throw new AppError(
        'invalid_input',
        `Connection "${c.name}" (${c.authKind}) has no secret field "${field}" to set; it uses: ${typed.join(', ') || 'none'}.`,
        { field },
      );
    }
    await core.connections.update({ id: c.id, secrets: { [field]: checked.data } });
    return { owner: 'connection', id: c.id, field };
  }
  const endpoints = await core.webhooks.listEndpoints();
  const targets = await core.webhooks.listTargets();
  const hook = [...endpoints, ...targets].find((w) => w.id === ref || w.name === ref);
  if (!hook)
    throw new AppError(
      'not_found',
      `No connection, webhook endpoint or target "${ref}" ("patchbay secrets missing" lists them).`,
      {
        ref,
      },
    );
  if (field !== 'secret')
    throw new AppError('invalid_input', `Webhook "${hook.name}" has one secret field, "secret", not "${field}".`, {
      field,
    });
  await core.webhooks.setSecret(hook.id, checked.data);
  return { owner: 'webhook', id: hook.id, field };
}
