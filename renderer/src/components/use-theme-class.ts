// Puts 'theme-light' or 'theme-dark' on <html> from the user's setting; 'system' follows
// prefers-color-scheme live, so switching the OS theme switches the dashboard without a reload.
import { useEffect } from 'react';
import type { AppSettings } from '../../../electron/shared/contract.ts';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(theme: AppSettings['theme'], systemDark: boolean): 'light' | 'dark' {
  return theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
}

export function useThemeClass(theme: AppSettings['theme'], root: HTMLElement = document.documentElement): void {
  useEffect(() => {
    const media = typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null;
    const apply = (): void => {
      const resolved = resolveTheme(theme, media?.matches ?? false);
      root.classList.toggle('theme-dark', resolved === 'dark');
      root.classList.toggle('theme-light', resolved === 'light');
    };
    apply();
    if (theme !== 'system' || !media) return;
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme, root]);
}
