// Navigation lives in location.hash (#/, #/monitor/<id>, #/add, #/add-homeserver, #/edit/<id>, #/settings)
// so back and forward work, a view can be reloaded, and the web server needs no routes of its own.
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'list' }
  | { name: 'detail'; id: string }
  | { name: 'add' }
  | { name: 'add-homeserver' }
  | { name: 'edit'; id: string }
  | { name: 'settings' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '');
  const [head = '', ...rest] = path.split('/');
  const id = rest.length > 0 ? safeDecode(rest.join('/')) : '';
  if (head === 'monitor' && id) return { name: 'detail', id };
  if (head === 'edit' && id) return { name: 'edit', id };
  if (head === 'add') return { name: 'add' };
  if (head === 'add-homeserver') return { name: 'add-homeserver' };
  if (head === 'settings') return { name: 'settings' };
  return { name: 'list' };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'list':
      return '#/';
    case 'detail':
      return `#/monitor/${encodeURIComponent(route.id)}`;
    case 'edit':
      return `#/edit/${encodeURIComponent(route.id)}`;
    case 'add':
      return '#/add';
    case 'add-homeserver':
      return '#/add-homeserver';
    case 'settings':
      return '#/settings';
  }
}

/** Marks history entries the app pushed, so "back" knows the previous entry is still the dashboard. */
const IN_APP = 'picketInApp';

/** Pushes a history entry, so Back returns to where the user was. */
export function navigate(route: Route): void {
  window.history.pushState({ [IN_APP]: true }, '', routeHash(route));
  // pushState fires no hashchange; the app listens to that one event for every kind of navigation.
  window.dispatchEvent(new Event('hashchange'));
}

/**
 * Leaves a view (Cancel, Close, Back): steps back through history when the view was opened from inside
 * the app, otherwise (a bookmark, a reload) replaces it with `fallback` rather than leaving the app.
 */
export function leave(fallback: Route): void {
  const state: unknown = window.history.state;
  if (typeof state === 'object' && state !== null && (state as Record<string, unknown>)[IN_APP] === true) {
    window.history.back();
    return;
  }
  window.history.replaceState(null, '', routeHash(fallback));
  window.dispatchEvent(new Event('hashchange'));
}

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The hash itself is the snapshot (a string), so React compares it cheaply and parses once per change. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
