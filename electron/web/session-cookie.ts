// The browser's session after it signed in with the access token: a cookie signed with the token itself.
// Nothing is stored on the server, so sessions survive a restart, and a new token signs every browser out.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DAY_SECONDS } from '../shared/time.ts';

/** Browsers cap a cookie's lifetime at 400 days; the server refuses older sessions as well. */
export const SESSION_MAX_AGE_SECONDS = 400 * DAY_SECONDS;
/** Clocks differ a little between a restart and the next; a session from the near future is still fine. */
const CLOCK_SLACK_SECONDS = DAY_SECONDS;

/** Cookies are not kept apart by port, so two serves on one machine need two names. */
export function sessionCookieName(port: number): string {
  return `picket_session_${port}`;
}

function signature(token: string, payload: string): string {
  return createHmac('sha256', token).update(`picket-session:${payload}`).digest('base64url');
}

/** "<issued, seconds>.<nonce>.<signature>" */
export function issueSession(token: string, now: number = Date.now()): string {
  const payload = `${Math.floor(now / 1000)}.${randomBytes(12).toString('base64url')}`;
  return `${payload}.${signature(token, payload)}`;
}

export function verifySession(value: string | undefined, token: string, now: number = Date.now()): boolean {
  const match = /^(\d{1,12})\.([\w-]{16})\.([\w-]{43})$/.exec(value ?? '');
  if (!match) return false;
  const [, issued = '', nonce = '', given = ''] = match;
  const expected = Buffer.from(signature(token, `${issued}.${nonce}`));
  if (!timingSafeEqual(Buffer.from(given), expected)) return false;
  const age = now / 1000 - Number(issued);
  return age < SESSION_MAX_AGE_SECONDS && age > -CLOCK_SLACK_SECONDS;
}

/** HttpOnly: page scripts never see it. SameSite=Strict: no other site's page can make the browser send it. */
export function sessionSetCookie(name: string, value: string, { secure }: { secure: boolean }): string {
  return `${name}=${value}; Path=/; Max-Age=${SESSION_MAX_AGE_SECONDS}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
