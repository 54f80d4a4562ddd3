import { z } from 'zod';
import { SecretValue } from '../models/connection';
import { ApplyResult, ExportResult, MissingSecret, WorkspaceKind, WorkspacePlan } from '../models/workspace';
import { channel } from './define';

/**
 * A workspace folder (or one file). From the renderer it must be a path the native folder dialog
 * returned (`workspace:chooseFolder`), used once; the CLI and tests pass their own.
 */
const FolderPath = z.string().min(1).max(4096);

export const workspaceChannels = {
  'workspace:chooseFolder': channel(
    z.object({ purpose: z.enum(['export', 'apply']) }).strict(),
    z.object({ path: z.string().nullable() }),
    'Ask for a workspace folder (native dialog in the app); null when the user cancels.',
  ),
  'workspace:export': channel(
    z.object({ path: FolderPath }).strict(),
    ExportResult.extend({ removed: z.array(z.string()) }),
    'Write the workspace as YAML files (one per object, no secret values) and their JSON Schemas.',
  ),
  'workspace:plan': channel(
    z.object({ path: FolderPath, prune: z.boolean().default(false) }).strict(),
    WorkspacePlan.extend({ planId: z.string() }),
    'Validate the files and compare them with this machine; nothing changes. Apply the plan by its id.',
  ),
  'workspace:applyPlan': channel(
    z.object({ planId: z.string().min(1).max(100) }).strict(),
    ApplyResult,
    'Apply a plan shown before, all or nothing; refused when the files changed since.',
  ),
  'workspace:apply': channel(
    z.object({ path: FolderPath, prune: z.boolean().default(false), dryRun: z.boolean().default(false) }).strict(),
    ApplyResult,
    'Validate, plan and apply files in one step (the CLI), all or nothing; a dry run only plans.',
  ),
  'workspace:objectYaml': channel(
    z.object({ kind: WorkspaceKind, id: z.string().min(1).max(200) }).strict(),
    z.object({ yaml: z.string() }),
    'One object as a workspace file ("Copy as YAML"); never holds a secret value.',
  ),
  'workspace:secretsMissing': channel(
    z.object({}).strict(),
    z.array(MissingSecret),
    'Secret fields this machine still needs (connections, webhook endpoints and targets).',
  ),
  'workspace:setSecret': channel(
    z.object({ ref: z.string().min(1).max(200), field: z.string().min(1).max(60), value: SecretValue }).strict(),
    z.object({ owner: z.enum(['connection', 'webhook']), id: z.string(), field: z.string() }),
    'Put one secret in the keychain for a connection field or a webhook signing secret; never echoed.',
  ),
};
