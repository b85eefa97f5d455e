// Picks the transport at start-up: the Electron preload when it exposed window.picket, otherwise the web
// transport of `picket serve`, whose printed URL carries the access token in its fragment.
import type { PicketBridge } from '../../../electron/shared/bridge.ts';
import type { PicketClient } from '../../../electron/shared/contract.ts';
import { createIpcClient } from './ipc-client.ts';
import { createWebClient, type WebClientOptions } from './web-client.ts';

export const TOKEN_STORAGE_KEY = 'picket.token';

/** The parts of window this needs, so tests pass a plain object. */
export interface ClientWindow {
  picket?: PicketBridge;
  location: Pick<Location, 'hash' | 'origin' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Reads #token=... once, then hides it from the address bar (screenshots, shoulder-surfing, bookmarks). */
export function takeToken(win: ClientWindow): string {
  const fromHash = new URLSearchParams(win.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    // Session storage, not local: the token lives as long as the tab, and a reload still works.
    win.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
    win.history.replaceState(win.history.state, '', `${win.location.pathname}${win.location.search}#/`);
    return fromHash;
  }
  return win.sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
}

export function chooseClient(win: ClientWindow, web: Partial<Pick<WebClientOptions, 'fetch' | 'WebSocket'>> = {}): PicketClient {
  if (win.picket) return createIpcClient(win.picket);
  // Without a token every request fails with the server's own "missing or wrong access token", which the
  // app shows as is: clearer than inventing a second message for the same problem.
  return createWebClient({ origin: win.location.origin, token: takeToken(win), ...web });
}
