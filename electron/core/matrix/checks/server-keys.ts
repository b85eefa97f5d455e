// Judges a /_matrix/key/v2/server answer the way another homeserver would before trusting it: it is for the
// right server, every signature by one of its own verify keys checks out (Ed25519 over canonical JSON), and it
// has not expired. Pure: the network part is in matrix-keys.ts.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { formatDuration } from '../../../shared/format-duration.ts';
import { SECOND_MS } from '../../../shared/time.ts';
import { canonicalJson, CanonicalJsonError } from './canonical-json.ts';

/** Which rule an answer broke; diagnosis tells "invalid key" from "route down" by it. */
export type KeyProblem = 'malformed' | 'server-name' | 'signature' | 'expired';

export interface KeyVerdict {
  ok: boolean;
  message: string;
  problem?: KeyProblem;
  /** "ed25519:a, ed25519:b": the verify keys, sorted. */
  keyIds?: string;
  /** SHA-256 (hex) of the sorted "id key" lines: changes exactly when a verify key changes. */
  keyFingerprint?: string;
}

// An Ed25519 public key in SPKI DER is this fixed 12-byte header followed by the raw 32 bytes (RFC 8410).
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Matrix uses unpadded standard base64; Node accepts that (and URL-safe) as is. */
function decodeBase64(text: string): Buffer | undefined {
  return /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : undefined;
}

function verifies(publicKey: Buffer, signed: Buffer, signature: Buffer): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
  return verify(null, signed, key, signature);
}

/** "2 d 3 h ago", or "just now" rather than "0 s ago" for keys that expire as they are checked. */
function expiredAgo(ms: number): string {
  return ms < SECOND_MS ? 'just now' : `${formatDuration(ms)} ago`;
}

function fingerprint(keys: ReadonlyArray<readonly [string, string]>): string {
  return createHash('sha256')
    .update(keys.map(([id, key]) => `${id} ${key}`).join('\n'))
    .digest('hex');
}

export function judgeServerKeys(json: unknown, serverName: string, now: number): KeyVerdict {
  const bad = (problem: KeyProblem, message: string, known: Partial<KeyVerdict> = {}): KeyVerdict => ({ ok: false, problem, message, ...known });
  if (!isRecord(json)) return bad('malformed', 'the key answer is not a JSON object');
  const verifyKeys = json.verify_keys;
  if (!isRecord(verifyKeys) || Object.keys(verifyKeys).length === 0) return bad('malformed', 'the key answer has no "verify_keys"');

  const keys: Array<[string, string]> = [];
  for (const [id, entry] of Object.entries(verifyKeys)) {
    const key = isRecord(entry) ? entry.key : undefined;
    if (typeof key !== 'string') return bad('malformed', `verify key ${id} has no "key" string`);
    keys.push([id, key]);
  }
  keys.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const known = { keyIds: keys.map(([id]) => id).join(', '), keyFingerprint: fingerprint(keys) };

  if (typeof json.server_name !== 'string') return bad('malformed', 'the key answer has no "server_name"', known);
  if (json.server_name.toLowerCase() !== serverName.toLowerCase()) {
    return bad('server-name', `server_name is ${json.server_name}, expected ${serverName}`, known);
  }

  // What was signed: the object without "signatures" and "unsigned" (spec: "Signing JSON").
  const { signatures, unsigned: _unsigned, ...signedPart } = json;
  let signed: Buffer;
  try {
    signed = Buffer.from(canonicalJson(signedPart), 'utf8');
  } catch (error) {
    if (!(error instanceof CanonicalJsonError)) throw error;
    return bad('malformed', `the key answer cannot be put in canonical JSON: ${error.message}`, known);
  }
  const own = isRecord(signatures) ? signatures[json.server_name] : undefined;
  const signatureFor = (id: string): unknown => (isRecord(own) ? own[id] : undefined);
  let verified = 0;
  for (const [id, key] of keys) {
    const signature = signatureFor(id);
    if (signature === undefined) continue;
    const publicKey = decodeBase64(key);
    const signatureBytes = typeof signature === 'string' ? decodeBase64(signature) : undefined;
    // Another server checks whichever key it looked up: one bad signature is enough to break federation with it.
    if (publicKey === undefined || signatureBytes === undefined || !id.startsWith('ed25519:') || !verifies(publicKey, signed, signatureBytes)) {
      return bad('signature', `signature by ${id} does not verify`, known);
    }
    verified++;
  }
  if (verified === 0) return bad('signature', `no signature by its own verify keys (${known.keyIds})`, known);

  const validUntil = json.valid_until_ts;
  if (typeof validUntil !== 'number' || !Number.isSafeInteger(validUntil)) return bad('malformed', 'the key answer has no "valid_until_ts"', known);
  if (validUntil <= now) return bad('expired', `keys expired ${expiredAgo(now - validUntil)} (valid_until_ts ${new Date(validUntil).toISOString()})`, known);

  return { ok: true, message: `${verified === 1 ? 'signature' : `${verified} signatures`} by ${known.keyIds} verified`, ...known };
}
