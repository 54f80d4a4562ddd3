import { RecordFilter } from '../models/record-filter';
import { z } from 'zod';
import { ErrorCode } from '../errors';
import { FieldSchema } from '../models/field-schema';
import {
  MappingDraft,
  MappingDraftRule,
  MappingSchemas,
  MatchKey,
  MatchKeyNormalization,
  PiiAcknowledgement,
  ResourceRef,
  UnmappedRequiredPolicy,
} from '../models/mapping';
import { channel } from './define';

const Id = z.object({ id: z.string().min(1) }).strict();
const AnyRecord = z.record(z.string(), z.unknown());

export const RuleIssueView = z.object({
  ruleId: z.string(),
  target: z.string(),
  code: ErrorCode,
  message: z.string(),
  details: AnyRecord.optional(),
});

/** What save answers: the stored version plus what is broken in it (saving a broken rule is allowed). */
export const SavedMapping = z.object({
  mapping: MappingDraft,
  issues: z.array(RuleIssueView),
  unmappedRequired: z.array(z.string()),
});

export const MappingSummary = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  source: ResourceRef,
  target: ResourceRef,
  rules: z.number().int(),
});

export const VersionSummary = z.object({
  version: z.number().int(),
  updatedAt: z.string(),
  name: z.string(),
  rules: z.number().int(),
  /** Where the version was saved: in the app, from the command line, or by applying workspace files. */
  origin: z.enum(['app', 'cli', 'file']).optional(),
});

export const MappingSaveInput = z
  .object({
    /** Absent = create a new mapping. */
    id: z.string().min(1).optional(),
    /** The version the edit started from: a newer saved version is a `conflict`. */
    baseVersion: z.number().int().min(1).optional(),
    name: z.string().trim().min(1).max(120),
    source: ResourceRef,
    target: ResourceRef,
    rules: z.array(MappingDraftRule).max(500),
    matchKey: MatchKey.nullable().default(null),
    unmappedRequired: UnmappedRequiredPolicy.default('error'),
    requiredDefaults: z.record(z.string(), z.json()).default({}),
    piiAcknowledged: PiiAcknowledgement.nullable().default(null),
    schemas: MappingSchemas.optional(),
    filter: RecordFilter.optional(),
  })
  .strict();

const EndpointView = z.object({
  connectionId: z.string(),
  connectionName: z.string(),
  connectorId: z.string(),
  connectorName: z.string(),
  resource: z.string(),
  resourceLabel: z.string(),
  primaryKey: z.string(),
  /** The API can be asked for chosen fields only (data minimization happens at the API, not after). */
  fieldSelection: z.boolean(),
});

export const TargetLookupView = z.object({
  targetField: z.string(),
  normalization: MatchKeyNormalization,
  keys: z.array(z.string()),
  matches: z.array(z.object({ key: z.string(), id: z.string(), values: AnyRecord })),
  strategy: z.enum(['get', 'scan']),
  scanned: z.number().int(),
  complete: z.boolean(),
});

export const SampleSet = z.object({
  source: EndpointView,
  target: EndpointView,
  sourceSchema: z.array(FieldSchema),
  targetSchema: z.array(FieldSchema),
  sourceRecords: z.array(AnyRecord),
  /** Source fields asked for (and kept); null = the whole record. */
  fetchedFields: z.array(z.string()).nullable(),
  targetLookup: TargetLookupView.nullable(),
  /** Why the target could not be searched (the preview then shows creates only); the source fetch still succeeded. */
  lookupError: z.object({ code: ErrorCode, message: z.string() }).nullable(),
  fetchedAt: z.string(),
});

export const FetchSamplesInput = z
  .object({
    /** A saved mapping (current version)… */
    mappingId: z.string().min(1).optional(),
    /** …or the draft being edited (its rules decide which fields are fetched and which keys looked up)… */
    mapping: MappingSaveInput.optional(),
    /** …or just the two ends (a mapping without rules yet: whole records). */
    source: ResourceRef.optional(),
    target: ResourceRef.optional(),
    limit: z.number().int().min(1).max(500).default(20),
  })
  .strict()
  .refine(
    (i) =>
      [i.mappingId !== undefined, i.mapping !== undefined, i.source !== undefined && i.target !== undefined].filter(
        Boolean,
      ).length === 1,
    {
      message: 'give exactly one of mappingId, mapping, or source + target',
    },
  );

export const PreviewRowView = z.object({
  sourceId: z.string().nullable(),
  matchKey: z.string().nullable(),
  operation: z.enum(['create', 'update', 'skip', 'error', 'skipped', 'filtered']),
  lookup: z.enum(['found', 'absent', 'uncertain', 'unchecked', 'no_key']),
  targetId: z.string().nullable(),
  changedFields: z.array(z.string()),
  payload: AnyRecord,
  errors: z.array(z.object({ field: z.string().nullable(), code: z.string(), message: z.string() })),
  skipReason: z.string().optional(),
  /** Why the record filter left this record out. */
  filterReason: z.string().optional(),
});

export const PreviewReport = z.object({
  mapping: z.object({ id: z.string(), name: z.string(), version: z.number().int() }),
  issues: z.array(RuleIssueView),
  unmappedRequired: z.array(z.string()),
  counts: z.object({
    create: z.number(),
    update: z.number(),
    skip: z.number(),
    error: z.number(),
    skipped: z.number(),
    filtered: z.number(),
  }),
  rows: z.array(PreviewRowView),
  minimization: z.object({
    notTransmitted: z.array(z.string()),
    piiTransmitted: z.array(z.string()),
    unacknowledgedPii: z.array(z.string()),
    fields: z.array(z.string()),
  }),
  lookupError: z.object({ code: ErrorCode, message: z.string() }).nullable(),
});

export const SuggestInput = z
  .object({ source: ResourceRef, target: ResourceRef, defaultCountry: z.string().length(2).optional() })
  .strict();

export const mappingsChannels = {
  'mappings:list': channel(z.object({}).strict(), z.array(MappingSummary), 'All mappings (current versions).'),
  'mappings:get': channel(
    z.object({ id: z.string().min(1), version: z.number().int().min(1).optional() }).strict(),
    SavedMapping,
    'One mapping (current or a given version) with its broken rules.',
  ),
  'mappings:save': channel(
    MappingSaveInput,
    SavedMapping,
    'Create a mapping or save a new version; broken rules are saved and reported.',
  ),
  'mappings:remove': channel(Id, z.object({ removed: z.literal(true) }), 'Delete a mapping and its version history.'),
  'mappings:versions': channel(Id, z.array(VersionSummary), 'Version history of a mapping, newest first.'),
  'mappings:revert': channel(
    z.object({ id: z.string().min(1), version: z.number().int().min(1) }).strict(),
    SavedMapping,
    'Save an old version as the newest version.',
  ),
  'mappings:suggest': channel(
    SuggestInput,
    z.object({
      rules: z.array(MappingDraftRule),
      suggestions: z.array(z.object({ ruleId: z.string(), score: z.number(), reason: z.string() })),
      unmatchedTargets: z.array(z.string()),
      matchKey: MatchKey.nullable(),
    }),
    'Rules proposed by field name and type similarity (and a match key).',
  ),
  'mappings:fetchSamples': channel(
    FetchSamplesInput,
    SampleSet,
    'Live sample records from the source (only the fields the mapping reads) and their twins in the target.',
  ),
  'mappings:preview': channel(
    z.object({ ref: z.string().min(1), limit: z.number().int().min(1).max(500).default(20) }).strict(),
    PreviewReport,
    'Fetch samples and run a saved mapping on them: operation per record and errors (the CLI view).',
  ),
  'mappings:acknowledgePii': channel(
    z
      .object({
        id: z.string().min(1),
        fields: z.array(z.string().min(1)).max(500),
        baseVersion: z.number().int().min(1).optional(),
      })
      .strict(),
    SavedMapping,
    'Record that the user agreed to transmit these PII fields (saved as a new version).',
  ),
};
