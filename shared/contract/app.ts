import { z } from 'zod';
import { AppInfo, DoctorReport, Notice, Preferences, PreferencesPatch } from '../models/app';
import { CompactionResult, StorageReport } from '../models/storage';
import { channel } from './define';

const NoInput = z.object({}).strict();

export const appChannels = {
  'app:info': channel(NoInput, AppInfo, 'Version, data folder and runtime versions.'),
  'app:doctor': channel(NoInput, DoctorReport, 'Check keychain, data folder, SQLite and sandbox ports.'),
  'app:notices': channel(NoInput, z.array(Notice), 'Things the user must be told about since start.'),
  'app:dismissNotice': channel(
    z.object({ id: z.string().min(1) }).strict(),
    z.object({ dismissed: z.boolean() }),
    'Dismiss one notice.',
  ),
  'app:storage': channel(NoInput, StorageReport, 'Sizes of the data folder databases and the last compaction.'),
  'app:compactStorage': channel(
    NoInput,
    CompactionResult,
    'Prune history older than the retention period and give free space back to the disk.',
  ),
  'settings:get': channel(NoInput, Preferences, 'Read user preferences.'),
  'settings:update': channel(PreferencesPatch, Preferences, 'Change some preferences; returns all of them.'),
};

export const appEvents = {
  'app:notice': Notice,
};
