// Keeps every web contents on the app's own pages: no new windows, no navigation or redirect elsewhere,
// no <webview>. Safe web links go to the user's browser instead.
import { isSafeExternalUrl } from './external-links.ts';

export interface PreventableEvent {
  preventDefault(): void;
}

/** The part of Electron's WebContents the guard needs (real WebContents satisfy it). */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface NavigationGuardOptions {
  isAppUrl: (url: string) => boolean;
  /** shell.openExternal; only ever called with URLs that passed isSafeExternalUrl. */
  openExternal: (url: string) => Promise<void> | void;
}

// Guarding twice would open an external link twice; a WeakSet lets guardAllWebContents and the window both call this.
const guarded = new WeakSet<GuardedContents>();

export function guardNavigation(contents: GuardedContents, options: NavigationGuardOptions): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  const openOutside = (url: string): void => {
    if (!isSafeExternalUrl(url)) return;
    // A failed hand-off to the browser must not crash the main process.
    void Promise.resolve()
      .then(() => options.openExternal(url))
      .catch(() => undefined);
  };
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (options.isAppUrl(url)) return;
    event.preventDefault();
    openOutside(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!options.isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
