import { useEffect } from 'react';
import { useAppStore } from './stores/app';

/** Light or dark: the user's choice in Settings, or the OS setting when it is "system". */
export function useTheme(): void {
  const preference = useAppStore((s) => s.preferences?.theme ?? 'system');
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const dark = preference === 'dark' || (preference === 'system' && media.matches);
      document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [preference]);
}
