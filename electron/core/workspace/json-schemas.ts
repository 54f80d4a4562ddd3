import { z } from 'zod';
import {
  WORKSPACE_FILE_SCHEMAS,
  WORKSPACE_FORMAT,
  WORKSPACE_KINDS,
  type WorkspaceKind,
} from '../../../shared/models/workspace';

type JsonSchema = Record<string, unknown>;

/** Objects the models declare are closed: editors then flag a misspelt key as apply would. */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(closeObjects);
  if (!node || typeof node !== 'object') return;
  const o = node as JsonSchema;
  if (o.type === 'object' && o.properties && o.additionalProperties === undefined) o.additionalProperties = false;
  Object.values(o).forEach(closeObjects);
}

/**
 * The JSON Schema of one kind's files, generated from the same zod model apply validates with
 * (inputs: defaults are optional), plus the `patchbay` / `kind` header every file starts with.
 */
export function jsonSchemaFor(kind: WorkspaceKind): JsonSchema {
  const body = z.toJSONSchema(WORKSPACE_FILE_SCHEMAS[kind], { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  closeObjects(body);
  const { $schema: _s, ...rest } = body;
  const properties = (rest.properties as JsonSchema | undefined) ?? {};
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://patchbay.local/schemas/workspace/${kind}.schema.json`,
    title: `Patchbay ${kind} (workspace format ${WORKSPACE_FORMAT})`,
    ...rest,
    properties: {
      patchbay: { const: WORKSPACE_FORMAT, description: 'Workspace file format version' },
      kind: { const: kind },
      ...properties,
    },
    required: ['patchbay', 'kind', ...((rest.required as string[] | undefined) ?? [])],
  };
}

export const SCHEMA_FILES = WORKSPACE_KINDS.map((kind) => ({ kind, file: `${kind}.schema.json` }));
