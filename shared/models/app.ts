import { z } from 'zod';

export const AppInfo = z.object({
  name: z.literal('Patchbay'),
  version: z.string(),
  dataDir: z.string(),
  platform: z.string(),
  versions: z.object({ node: z.string(), electron: z.string().optional(), chrome: z.string().optional() }),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const DoctorCheck = z.object({
  id: z.enum(['keychain', 'data_dir', 'sqlite', 'databases', 'local_ports', 'settings']),
  label: z.string(),
  ok: z.boolean(),
  /** What was found, or why it failed and what to do about it. */
  detail: z.string(),
});
export type DoctorCheck = z.infer<typeof DoctorCheck>;

export const DoctorReport = z.object({ ok: z.boolean(), checks: z.array(DoctorCheck) });
export type DoctorReport = z.infer<typeof DoctorReport>;

/** Something the user must be told about at start (e.g. a corrupt config was moved aside). */
export const Notice = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  at: z.string(),
});
export type Notice = z.infer<typeof Notice>;

export const ThemePreference = z.enum(['system', 'light', 'dark']);

export const Preferences = z.object({
  theme: ThemePreference.default('system'),
  integratorContact: z.string().max(200).default(''),
  logRetentionDays: z.number().int().min(1).max(3650).default(30),
  logRetentionMb: z.number().int().min(10).max(100_000).default(1024),
  /** Bodies kept per call-log entry (and so in HAR exports); longer ones are cut and marked. 10 MB by default. */
  logBodyBytes: z
    .number()
    .int()
    .min(0)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /**
   * Run details (per-record outcomes) and delivered webhooks older than this are pruned and their
   * space given back; run summaries, id maps and anything still to deliver are kept.
   */
  historyRetentionDays: z.number().int().min(1).max(3650).default(90),
  webhookPort: z.number().int().min(0).max(65535).default(0),
  webhookBindLan: z.boolean().default(false),
});
export type Preferences = z.infer<typeof Preferences>;
export const PreferencesPatch = Preferences.partial().strict();
