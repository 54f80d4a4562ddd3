import { AppError } from '../../../../shared/errors';
import type { ImportedOperation } from '../../../../shared/models/openapi-import';
import type { OperationName, Pagination } from '../../../../shared/models/connector';
import type { ResourceChoice } from './build';

/**
 * Non-interactive choices for `patchbay connectors import-openapi`: every resource with a list
 * operation, each role taken from the operation the inspector classified. When the list's pagination
 * could not be inferred, the caller must say it (`--pagination NAME=STYLE`) — never a silent guess.
 */
export function defaultResourceChoices(
  operations: ImportedOperation[],
  opts: { only?: string[]; pagination?: Record<string, Pagination> } = {},
): ResourceChoice[] {
  const byResource = new Map<string, ImportedOperation[]>();
  for (const op of operations) {
    if (op.deprecated || op.role === 'other') continue;
    if (opts.only?.length && !opts.only.includes(op.resource)) continue;
    byResource.set(op.resource, [...(byResource.get(op.resource) ?? []), op]);
  }
  const choices: ResourceChoice[] = [];
  const unknown: string[] = [];
  for (const [name, ops] of byResource) {
    const list = ops.find((o) => o.role === 'list');
    if (!list) continue;
    const operations: Partial<Record<OperationName, string>> = {};
    for (const role of ['list', 'get', 'create', 'update', 'delete'] as const) {
      const op = ops.find((o) => o.role === role);
      if (op) operations[role] = op.id;
    }
    const chosen = opts.pagination?.[name];
    if (!chosen && list.pagination && !list.pagination.known) unknown.push(`${name} (${list.pagination.reason})`);
    choices.push({
      name: name.replace(/[^A-Za-z0-9_]/g, '_'),
      ...(list.resourceLabel ? { label: list.resourceLabel } : {}),
      operations,
      ...(chosen ? { pagination: chosen } : {}),
    });
  }
  if (unknown.length) {
    throw new AppError(
      'invalid_input',
      `Pagination could not be inferred for: ${unknown.join('; ')}. Say which with --pagination NAME=none or NAME=link_header (others need the wizard in the app).`,
      { field: 'pagination' },
    );
  }
  if (!choices.length)
    throw new AppError('invalid_input', 'The document has no list operation to import as a resource.', {
      field: 'resources',
    });
  return choices;
}
