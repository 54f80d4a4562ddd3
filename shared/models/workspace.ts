import { z } from 'zod';
import { AuthKind, AuthSettings, Integrator, REQUIRED_SETTINGS, SECRET_FIELDS, SecretField } from './connection';
import { ConnectorDefinition } from './connector';
import { Dataset } from './datasets';
import { MappingDraft } from './mapping';
import { RecordFilter } from './record-filter';
import { SyncDefinition } from './sync';
import { WebhookEndpoint, WebhookTarget } from './webhooks';

/**
 * The workspace as plain files: one YAML document per object. Each file starts with
 * `patchbay: <format>` and `kind: <kind>`; the rest is the object in the shapes below, which are the
 * app's own models minus what belongs to one machine (timestamps, test results, version counters,
 * secret values). A file never holds a secret: a connection lists only the names of the secret
 * fields it needs, and `patchbay secrets set` puts the values in that machine's keychain.
 */
export const WORKSPACE_FORMAT = 1;

export const WORKSPACE_KINDS = [
  'connector',
  'connection',
  'mapping',
  'sync',
  'webhook-endpoint',
  'webhook-target',
  'dataset',
] as const;
export const WorkspaceKind = z.enum(WORKSPACE_KINDS);
export type WorkspaceKind = z.infer<typeof WorkspaceKind>;

/** Connection ids become keychain account prefixes (`<id>/<field>`), so no "/" and nothing blank. */
const ConnectionId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'letters, digits, ".", "_", ":" or "-"');
const httpUrl = z.url({ protocol: /^https?$/, error: 'Must be a valid http(s) URL' });
const host = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/, 'Must be a host name, optionally with :port');

export const ConnectionFile = z
  .object({
    id: ConnectionId,
    name: z.string().trim().min(1).max(120),
    connectorId: z.string().min(1),
    baseUrl: httpUrl,
    authKind: AuthKind,
    authSettings: AuthSettings.default({}),
    integrator: Integrator.optional(),
    apiVersion: z.string().max(50).optional(),
    allowedHosts: z.array(host).min(1).optional(),
    /** Names of the secret fields this connection needs; the values live in each machine's keychain. */
    secrets: z.array(SecretField).default([]),
  })
  .superRefine((c, ctx) => {
    for (const key of REQUIRED_SETTINGS[c.authKind])
      if (c.authSettings[key] === undefined || c.authSettings[key] === '')
        ctx.addIssue({ code: 'custom', path: ['authSettings', key], message: `Required for ${c.authKind}` });
    const typed = new Set<string>(SECRET_FIELDS[c.authKind].filter((s) => s.userInput).map((s) => s.field));
    c.secrets.forEach((field, i) => {
      if (!typed.has(field))
        ctx.addIssue({
          code: 'custom',
          path: ['secrets', i],
          message: `${c.authKind} has no secret field "${field}" you can set (it uses: ${[...typed].join(', ') || 'none'})`,
        });
    });
  });
export type ConnectionFile = z.infer<typeof ConnectionFile>;

/** A file's filter is checked as it is read, so a typo is reported at its line rather than on the first run. */
export const MappingFile = MappingDraft.omit({ version: true, updatedAt: true }).extend({
  filter: RecordFilter.optional(),
});
export type MappingFile = z.infer<typeof MappingFile>;

export const SyncFile = SyncDefinition.omit({ updatedAt: true });
export type SyncFile = z.infer<typeof SyncFile>;

export const WebhookEndpointFile = WebhookEndpoint;
export type WebhookEndpointFile = z.infer<typeof WebhookEndpointFile>;

/** `disabled` is what a receiver's 410 did on this machine, not configuration. */
export const WebhookTargetFile = WebhookTarget.omit({ disabled: true, disabledReason: true });
export type WebhookTargetFile = z.infer<typeof WebhookTargetFile>;

export const ConnectorFile = ConnectorDefinition;
export type ConnectorFile = z.infer<typeof ConnectorFile>;

/** Dataset carries refinements (zod cannot omit from it); its `updatedAt` is refused as a runtime key instead. */
export const DatasetFile = Dataset;
export type DatasetFile = z.infer<typeof DatasetFile>;

export const WORKSPACE_FILE_SCHEMAS = {
  connector: ConnectorFile,
  connection: ConnectionFile,
  mapping: MappingFile,
  sync: SyncFile,
  'webhook-endpoint': WebhookEndpointFile,
  'webhook-target': WebhookTargetFile,
  dataset: DatasetFile,
} satisfies Record<WorkspaceKind, z.ZodType>;

/** Keys the app keeps per machine; a file that sets one is refused (they would be silently overwritten). */
export const RUNTIME_KEYS: Record<WorkspaceKind, string[]> = {
  connector: [],
  connection: ['createdAt', 'updatedAt', 'lastTest', 'warnings', 'needsReauthorization', 'declaredSecrets'],
  mapping: ['version', 'updatedAt'],
  sync: ['updatedAt'],
  'webhook-endpoint': [],
  'webhook-target': ['disabled', 'disabledReason'],
  dataset: ['updatedAt'],
};

/** Folder each kind is exported to (any layout is read back: the `kind` line decides). */
export const KIND_FOLDERS: Record<WorkspaceKind, string> = {
  connector: 'connectors',
  connection: 'connections',
  mapping: 'mappings',
  sync: 'syncs',
  'webhook-endpoint': 'webhooks/endpoints',
  'webhook-target': 'webhooks/targets',
  dataset: 'datasets',
};

// ---- what validation, plan and apply answer ------------------------------------------------------

export const WorkspaceIssue = z.object({
  /** Path of the file, relative to the folder applied. */
  file: z.string(),
  /** 1-based; 0 when the problem is the file as a whole (unreadable, not YAML). */
  line: z.number().int(),
  column: z.number().int(),
  /** Dotted path of the field, e.g. "rules.3.target"; "" for the whole document. */
  field: z.string(),
  message: z.string(),
});
export type WorkspaceIssue = z.infer<typeof WorkspaceIssue>;

export const FieldDiff = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
export type FieldDiff = z.infer<typeof FieldDiff>;

export const PlanAction = z.enum(['create', 'change', 'unchanged', 'not_in_files', 'remove']);
export type PlanAction = z.infer<typeof PlanAction>;

export const PlanEntry = z.object({
  kind: WorkspaceKind,
  id: z.string(),
  name: z.string(),
  /** The file that declares it (absent for objects only this machine has). */
  file: z.string().optional(),
  action: PlanAction,
  changes: z.array(FieldDiff).default([]),
});
export type PlanEntry = z.infer<typeof PlanEntry>;

export const PlanCounts = z.object({
  create: z.number().int(),
  change: z.number().int(),
  unchanged: z.number().int(),
  not_in_files: z.number().int(),
  remove: z.number().int(),
});
export type PlanCounts = z.infer<typeof PlanCounts>;

export const WorkspacePlan = z.object({
  /** The folder or file read. */
  source: z.string(),
  prune: z.boolean(),
  entries: z.array(PlanEntry),
  counts: PlanCounts,
  /** Secret fields that the applied workspace will still need on this machine ("patchbay secrets set"). */
  secretsNeeded: z.array(z.object({ id: z.string(), name: z.string(), field: z.string() })),
});
export type WorkspacePlan = z.infer<typeof WorkspacePlan>;

export const ApplyResult = WorkspacePlan.extend({ applied: z.boolean() });
export type ApplyResult = z.infer<typeof ApplyResult>;

export const ExportResult = z.object({
  dir: z.string(),
  /** Files written or rewritten (relative); an unchanged file is left untouched. */
  written: z.array(z.string()),
  unchanged: z.array(z.string()),
  objects: z.number().int(),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const MissingSecret = z.object({
  /** `connection` for a connection's field; `webhook` for a webhook endpoint's or target's signing secret. */
  owner: z.enum(['connection', 'webhook']),
  id: z.string(),
  name: z.string(),
  field: z.string(),
  /** The command that sets it. */
  command: z.string(),
});
export type MissingSecret = z.infer<typeof MissingSecret>;
