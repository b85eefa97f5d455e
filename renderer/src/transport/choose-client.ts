// Picks the transport at start-up: the Electron preload when it exposed window.picket, otherwise the web
// transport of `picket serve`, whose printed URL carries the access token in its fragment.
import type { PicketBridge } from '../../../electron/shared/bridge.ts';
import type { PicketClient } from '../../../electron/shared/contract.ts';
import { createIpcClient } from './ipc-client.ts';
import { createWebClient, type WebClientOptions } from './web-client.ts';

/** The parts of window this needs, so tests pass a plain object. */
export interface ClientWindow {
  picket?: PicketBridge;
  location: Pick<Location, 'hash' | 'origin' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
}

/** The token of #token=..., if the page was opened with one (the URL serve and `picket token show` print). */
export function tokenFromHash(win: { location: Pick<Location, 'hash'> }): string | undefined {
  return new URLSearchParams(win.location.hash.replace(/^#/, '')).get('token') ?? undefined;
}

export function chooseClient(win: ClientWindow, web: Partial<Pick<WebClientOptions, 'fetch' | 'WebSocket'>> = {}): PicketClient {
  if (win.picket) return createIpcClient(win.picket);
  const token = tokenFromHash(win);
  // Signed in, the session cookie stands for the token: it leaves the address bar (screenshots, bookmarks).
  // Only if it is still there: the user may have moved on to another view while the sign-in was on its way.
  const hideToken = (): void => {
    if (tokenFromHash(win) === token) win.history.replaceState(win.history.state, '', `${win.location.pathname}${win.location.search}#/`);
  };
  // Without a token or a session, every request fails with "unauthorized" and the app shows how to get the URL again.
  return createWebClient({ origin: win.location.origin, ...(token ? { token, onSignedIn: hideToken } : {}), ...web });
}

/**
 * A link pasted into an open tab (the lost-token page, say) changes only the fragment, which loads nothing:
 * start the page over so it signs in with the new token.
 */
export function restartOnNewToken(win: { location: Pick<Location, 'hash' | 'reload'>; addEventListener: Window['addEventListener'] }): void {
  win.addEventListener('hashchange', () => {
    if (tokenFromHash(win)) win.location.reload();
  });
}
