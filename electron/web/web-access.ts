// Who may use serve's API and event stream: whoever shows the access token (a bearer header, or ?token=
// on the WebSocket for clients that cannot set headers) or a session cookie signed with it.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { issueSession, readCookie, sessionCookieName, sessionSetCookie, verifySession } from './session-cookie.ts';

export function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerOf(req: IncomingMessage): string | undefined {
  return /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
}

export class WebAccess {
  private current: string;
  private readonly revokeListeners = new Set<() => void>();
  private cookieName = '';

  constructor(token: string) {
    this.current = token;
  }

  get token(): string {
    return this.current;
  }

  /** The port is known only once the server listens. */
  bindPort(port: number): void {
    this.cookieName = sessionCookieName(port);
  }

  /** A new token: every session signed with the old one stops working, and open event streams are told. */
  setToken(token: string): void {
    if (token === this.current) return;
    this.current = token;
    for (const listener of this.revokeListeners) listener();
  }

  onRevoke(listener: () => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  authorized(req: IncomingMessage, queryToken?: string): boolean {
    return (
      sameToken(bearerOf(req), this.current) ||
      sameToken(queryToken, this.current) ||
      verifySession(readCookie(req.headers.cookie, this.cookieName), this.current)
    );
  }

  /** Exchanges the bearer token for a session cookie; undefined when the token is wrong. */
  signIn(req: IncomingMessage): string | undefined {
    if (!sameToken(bearerOf(req), this.current)) return undefined;
    // Secure only when the browser came over HTTPS (through a proxy): a plain-HTTP browser would drop it.
    const secure = (req.headers.origin ?? '').startsWith('https:');
    return sessionSetCookie(this.cookieName, issueSession(this.current), { secure });
  }
}
