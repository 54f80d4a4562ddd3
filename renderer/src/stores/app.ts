import { create } from 'zustand';
import type { AppInfo, Notice, Preferences } from '../../../shared/models/app';
import { api, errorMessage, unwrap } from '../api';

interface AppState {
  info?: AppInfo;
  preferences?: Preferences;
  notices: Notice[];
  error?: string;
  load(): Promise<void>;
  dismiss(id: string): Promise<void>;
  updatePreferences(patch: Partial<Preferences>): Promise<void>;
}

export const useAppStore = create<AppState>((set, get) => ({
  notices: [],
  async load() {
    try {
      const [info, preferences, notices] = await Promise.all([
        unwrap(api.app.info()),
        unwrap(api.settings.get()),
        unwrap(api.app.notices()),
      ]);
      set({ info, preferences, notices, error: undefined });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
    api.on('app:notice', (notice) => set({ notices: [...get().notices.filter((n) => n.id !== notice.id), notice] }));
  },
  async dismiss(id) {
    await unwrap(api.app.dismissNotice({ id }));
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
  async updatePreferences(patch) {
    const preferences = await unwrap(api.settings.update(patch));
    set({ preferences });
  },
}));
