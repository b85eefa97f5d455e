// Secrets (basic-auth passwords, bearer tokens) in three forms: plain for the engine, sealed for the store,
// REDACTED for a UI. The Electron app seals with safeStorage; plain Node (CLI, web mode) has no codec and keeps
// them as given in picket.json, which is readable only by the user (written with mode 0600).
import { REDACTED, SEALED_PREFIX } from '../../shared/contract.ts';
import type { ConfigIssue } from '../../shared/config-validation.ts';
import type { HttpAuth, Monitor } from '../../shared/types.ts';

export interface SecretCodec {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
}

// Sealed secrets carry this prefix, so a plain one from an older file is still told apart.
export { SEALED_PREFIX } from '../../shared/contract.ts';

function secretOf(auth: HttpAuth): string {
  return auth.type === 'basic' ? auth.password : auth.token;
}

function withSecret(auth: HttpAuth, secret: string): HttpAuth {
  return auth.type === 'basic' ? { ...auth, password: secret } : { ...auth, token: secret };
}

function secretPath(auth: HttpAuth, base: string): string {
  return `${base}.auth.${auth.type === 'basic' ? 'password' : 'token'}`;
}

/** The password in a URL's userinfo (http://user:PASSWORD@host/), kept as typed: "scheme://user:" + it + "@". */
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:)([^/?#@]*)@/i;

function urlPassword(url: string): string | undefined {
  return URL_PASSWORD.exec(url)?.[2];
}

function withUrlPassword(url: string, password: string): string {
  return url.replace(URL_PASSWORD, (_match, head: string) => `${head}${password}@`);
}

function mapSecret(monitor: Monitor, map: (secret: string) => string): Monitor {
  if (monitor.type !== 'http' || !monitor.auth) return monitor;
  return { ...monitor, auth: withSecret(monitor.auth, map(secretOf(monitor.auth))) };
}

/** For the store: sealed with the codec, or as given without one. */
export function sealSecrets(monitor: Monitor, codec: SecretCodec | undefined): Monitor {
  if (!codec) return monitor;
  return mapSecret(monitor, (secret) => (secret.startsWith(SEALED_PREFIX) ? secret : `${SEALED_PREFIX}${codec.encrypt(secret)}`));
}

/**
 * For the engine: unsealed. A sealed secret without a codec (web mode on the Electron app's data) cannot be
 * opened; it is left sealed, so the check fails visibly with 401, and the caller is told which monitor.
 */
export function openSecrets(monitor: Monitor, codec: SecretCodec | undefined): { monitor: Monitor; sealed: boolean } {
  let sealed = false;
  const opened = mapSecret(monitor, (secret) => {
    if (!secret.startsWith(SEALED_PREFIX)) return secret;
    if (!codec) {
      sealed = true;
      return secret;
    }
    return codec.decrypt(secret.slice(SEALED_PREFIX.length));
  });
  return { monitor: opened, sealed };
}

/**
 * For a UI and an export: whether a secret is set, never its value; a password in the URL's userinfo too. (That
 * one is not sealed in the store: the codec's output is not URL-safe, and picket.json is the user's alone.)
 */
export function redactSecrets(monitor: Monitor): Monitor {
  const redacted = mapSecret(monitor, () => REDACTED);
  if (redacted.type !== 'http') return redacted;
  const password = urlPassword(redacted.url);
  return password === undefined || password === '' ? redacted : { ...redacted, url: withUrlPassword(redacted.url, REDACTED) };
}

/**
 * A draft from a UI carries REDACTED where it kept the secret: put the stored (plain) one back. A REDACTED with
 * nothing of the same auth type stored is an issue naming the field: the user must type the secret.
 */
export function restoreRedacted(given: Monitor, stored: Monitor | undefined, base: string): { monitor: Monitor } | { issue: ConfigIssue } {
  const restoredUrl = restoreUrlPassword(given, stored, base);
  if ('issue' in restoredUrl) return restoredUrl;
  const draft = restoredUrl.monitor;
  if (draft.type !== 'http' || !draft.auth || secretOf(draft.auth) !== REDACTED) return { monitor: draft };
  const storedAuth = stored?.type === 'http' ? stored.auth : undefined;
  if (!storedAuth || storedAuth.type !== draft.auth.type) {
    return { issue: { path: secretPath(draft.auth, base), message: 'is the redaction placeholder but no secret is stored for it: enter the secret' } };
  }
  return { monitor: { ...draft, auth: withSecret(draft.auth, secretOf(storedAuth)) } };
}

/** A URL sent back with the placeholder as its password keeps the stored URL's password. */
function restoreUrlPassword(draft: Monitor, stored: Monitor | undefined, base: string): { monitor: Monitor } | { issue: ConfigIssue } {
  if (draft.type !== 'http') return { monitor: draft };
  const given = urlPassword(draft.url);
  // The placeholder may come back percent-encoded when a UI ran the URL through new URL().
  if (given === undefined || (given !== REDACTED && safeDecode(given) !== REDACTED)) return { monitor: draft };
  const storedPassword = stored?.type === 'http' ? urlPassword(stored.url) : undefined;
  if (storedPassword === undefined || storedPassword === '') {
    return { issue: { path: `${base}.url`, message: 'has the redaction placeholder as its password but no password is stored for it: enter the password' } };
  }
  return { monitor: { ...draft, url: withUrlPassword(draft.url, storedPassword) } };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
