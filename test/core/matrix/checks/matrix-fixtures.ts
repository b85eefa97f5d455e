// Helpers for the Matrix check tests: monitors built through the real config validation, and a homeserver
// signing key (Ed25519, node:crypto) that signs key answers the way Synapse does.
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { parseMonitor } from '../../../../electron/shared/config-validation.ts';
import type { MonitorConfigOf } from '../../../../electron/shared/monitor-types/registry.ts';
import type { MatrixFederationMonitor, MatrixKeysMonitor } from '../../../../electron/shared/types.ts';
import { canonicalJson } from '../../../../electron/core/matrix/checks/canonical-json.ts';

type Endpoint = Omit<MonitorConfigOf<'matrix-federation'>, 'type'>;

export function federationMonitor(config: Endpoint): MatrixFederationMonitor {
  return parseMonitor({ timeoutSeconds: 5, ...config, type: 'matrix-federation' }) as MatrixFederationMonitor;
}

export function keysMonitor(config: Endpoint): MatrixKeysMonitor {
  return parseMonitor({ timeoutSeconds: 5, ...config, type: 'matrix-keys' }) as MatrixKeysMonitor;
}

/** Unpadded standard base64, as Matrix writes keys and signatures. */
export const unpadded = (bytes: Buffer): string => bytes.toString('base64').replace(/=+$/, '');

export interface SigningKey {
  keyId: string;
  /** The raw 32-byte public key, unpadded base64. */
  publicKey: string;
  privateKey: KeyObject;
}

export function makeSigningKey(keyId = 'ed25519:a_test'): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // The last 32 bytes of the SPKI DER are the raw key.
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { keyId, publicKey: unpadded(raw), privateKey: createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })) };
}

export interface KeyAnswerOptions {
  serverName: string;
  validUntil: number;
  keys: SigningKey[];
  /** Sign with these instead of `keys` (a bad signature: another key under the same id). */
  signers?: SigningKey[];
  /** Fields added after signing (a tampered answer). */
  tamper?: Record<string, unknown>;
}

/** A /_matrix/key/v2/server answer signed as the spec says: canonical JSON without signatures and unsigned. */
export function keyAnswer(options: KeyAnswerOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {
    server_name: options.serverName,
    valid_until_ts: options.validUntil,
    verify_keys: Object.fromEntries(options.keys.map((k) => [k.keyId, { key: k.publicKey }])),
    old_verify_keys: {},
  };
  const signed = Buffer.from(canonicalJson(body), 'utf8');
  const signatures = Object.fromEntries(
    (options.signers ?? options.keys).map((k, i) => [options.keys[i]?.keyId ?? k.keyId, unpadded(sign(null, signed, k.privateKey))]),
  );
  return { ...body, ...options.tamper, signatures: { [options.serverName]: signatures }, unsigned: { note: 'not signed' } };
}
