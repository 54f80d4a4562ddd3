import { Preferences, type PreferencesPatch } from '../../../shared/models/app';
import type { z } from 'zod';
import type { KeyValueStore } from './store';

const KEY = 'preferences';

/** User preferences, validated on every read so a hand-edited value can never crash a caller. */
export class PreferencesRepository {
  constructor(
    private readonly store: KeyValueStore,
    private readonly onInvalid: (message: string) => void,
  ) {}

  get(): Preferences {
    const raw = this.store.get(KEY) ?? {};
    const parsed = Preferences.safeParse(raw);
    if (parsed.success) return parsed.data;
    // Keep the bad value beside the good ones so nothing the user typed is silently lost.
    this.store.set(`${KEY}_invalid_${Date.now()}`, raw);
    this.store.set(KEY, Preferences.parse({}));
    this.onInvalid(
      'Your preferences were unreadable and have been reset to defaults (the old values are kept in config.json).',
    );
    return Preferences.parse({});
  }

  update(patch: z.output<typeof PreferencesPatch>): Preferences {
    const next = Preferences.parse({ ...this.get(), ...patch });
    this.store.set(KEY, next);
    return next;
  }
}
