import { z } from 'zod';
import { FieldSchema } from '../models/field-schema';
import { ConnectionCreateInput, ConnectionUpdateInput, ConnectionView, TestResult } from '../models/connection';
import { channel } from './define';

const Id = z.object({ id: z.string().min(1) }).strict();

export const SecretsReportView = z.object({
  keychain: z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), message: z.string() })]),
  orphans: z.array(z.object({ connectionId: z.string(), field: z.string() })),
  missing: z.array(z.object({ connectionId: z.string(), name: z.string(), field: z.string() })),
});

/**
 * Connections: secrets go in (create/update `secrets`), never come out — every output is a
 * ConnectionView, whose schema has no field able to hold a secret value.
 */
export const connectionsChannels = {
  'connections:list': channel(
    z.object({}).strict(),
    z.array(ConnectionView),
    'All connections (no secrets, only "set" markers).',
  ),
  'connections:get': channel(Id, ConnectionView, 'One connection.'),
  'connections:create': channel(
    ConnectionCreateInput.strict(),
    ConnectionView,
    'Create a connection; its secrets go to the OS keychain.',
  ),
  'connections:update': channel(
    ConnectionUpdateInput.strict(),
    ConnectionView,
    'Edit a connection; secrets given replace the stored ones.',
  ),
  'connections:duplicate': channel(
    z.object({ id: z.string().min(1), name: z.string().trim().min(1).max(120).optional() }).strict(),
    ConnectionView,
    'Copy a connection without its secrets.',
  ),
  'connections:remove': channel(
    Id,
    z.object({ removed: z.literal(true) }),
    'Delete a connection and its keychain entries.',
  ),
  'connections:test': channel(Id, TestResult, 'Make a cheap call and explain the outcome.'),
  'connections:authorize': channel(Id, ConnectionView, 'OAuth2 sign-in in the system browser (loopback redirect).'),
  'connections:browse': channel(
    z
      .object({
        id: z.string().min(1),
        resource: z.string().min(1),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
    z.object({ fields: z.array(FieldSchema), records: z.array(z.record(z.string(), z.unknown())) }),
    'The first records of one resource of a connection, with its field schema.',
  ),
  'connections:settingChoices': channel(
    Id,
    z.object({ setting: z.string(), choices: z.array(z.object({ value: z.string(), label: z.string() })) }),
    'What the connector setting chosen after sign-in can be (Xero: the organisations the token reaches).',
  ),
  'connections:secretsReport': channel(
    z.object({}).strict(),
    SecretsReportView,
    'Orphaned keychain entries and missing secrets.',
  ),
};

export const connectionsEvents = {
  'connections:changed': z.object({ connectionId: z.string() }),
};
