import { describe, expect, it } from 'vitest';
import { judgeServerKeys } from '../../../../electron/core/matrix/checks/server-keys.ts';
import { keyChangeAlert } from '../../../../electron/core/matrix/checks/key-change.ts';
import type { CheckResult } from '../../../../electron/shared/types.ts';
import { keyAnswer, makeSigningKey } from './matrix-fixtures.ts';
import { DAY_MS } from '../../../../electron/shared/time.ts';

const NOW = Date.UTC(2025, 0, 10);
const key = makeSigningKey('ed25519:abc');
const other = makeSigningKey('ed25519:abc');
const second = makeSigningKey('ed25519:def');

describe('judgeServerKeys', () => {
  it('accepts a signed, current answer for the right server and records key ids and a fingerprint', () => {
    const verdict = judgeServerKeys(keyAnswer({ serverName: 'example.org', validUntil: NOW + DAY_MS, keys: [key] }), 'example.org', NOW);
    expect(verdict).toMatchObject({ ok: true, keyIds: 'ed25519:abc', message: 'signature by ed25519:abc verified' });
    expect(verdict.keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('checks every signature by its own keys, and sorts key ids', () => {
    const verdict = judgeServerKeys(keyAnswer({ serverName: 'example.org', validUntil: NOW + DAY_MS, keys: [second, key] }), 'example.org', NOW);
    expect(verdict).toMatchObject({ ok: true, keyIds: 'ed25519:abc, ed25519:def', message: '2 signatures by ed25519:abc, ed25519:def verified' });
  });

  it.each([
    ['a signature by another key', { signers: [other] }, 'signature', 'signature by ed25519:abc does not verify'],
    ['a field added after signing', { tamper: { extra: 1 } }, 'signature', 'signature by ed25519:abc does not verify'],
    ['expired keys', { validUntil: NOW - 2 * DAY_MS - 5000 }, 'expired', 'keys expired 2 d ago'],
    ['keys expiring right now', { validUntil: NOW }, 'expired', 'keys expired just now'],
    ['another server name', { serverName: 'other.example' }, 'server-name', 'server_name is other.example, expected example.org'],
  ])('rejects %s', (_label, change, problem, message) => {
    const answer = keyAnswer({ serverName: 'example.org', validUntil: NOW + DAY_MS, keys: [key], ...change });
    const verdict = judgeServerKeys(answer, 'example.org', NOW);
    expect(verdict.ok).toBe(false);
    expect(verdict.problem).toBe(problem);
    expect(verdict.message).toContain(message);
  });

  it('ignores "unsigned" and compares server names without case', () => {
    const answer = keyAnswer({ serverName: 'Example.org', validUntil: NOW + DAY_MS, keys: [key] });
    expect(judgeServerKeys({ ...answer, unsigned: { changed: true } }, 'example.org', NOW).ok).toBe(true);
  });

  it.each([
    ['not an object', [], 'not a JSON object'],
    ['no verify_keys', { server_name: 'example.org' }, 'no "verify_keys"'],
    ['a key without "key"', { server_name: 'example.org', verify_keys: { 'ed25519:x': {} } }, 'verify key ed25519:x has no "key" string'],
    ['no signature at all', { server_name: 'example.org', valid_until_ts: NOW + DAY_MS, verify_keys: { 'ed25519:x': { key: 'AAAA' } } }, 'no signature by its own verify keys (ed25519:x)'],
    ['a float in the signed part', { ...keyAnswer({ serverName: 'example.org', validUntil: NOW + DAY_MS, keys: [key] }), valid_until_ts: 1.5 }, 'canonical JSON'],
  ])('says what is malformed: %s', (_label, answer, message) => {
    const verdict = judgeServerKeys(answer, 'example.org', NOW);
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toContain(message);
  });

  it('fingerprints the keys: same keys same fingerprint, a new key a new one', () => {
    const judge = (keys = [key]): string | undefined =>
      judgeServerKeys(keyAnswer({ serverName: 'example.org', validUntil: NOW + DAY_MS, keys }), 'example.org', NOW).keyFingerprint;
    expect(judge()).toBe(judge());
    expect(judge([other])).not.toBe(judge());
  });
});

describe('keyChangeAlert', () => {
  const result = (detail: Record<string, string> | undefined, status: CheckResult['status'] = 'up'): CheckResult => ({
    monitorId: 'example.org-keys',
    status,
    at: NOW,
    latencyMs: 5,
    message: 'ok',
    ...(detail ? { detail } : {}),
  });

  it('alerts when the fingerprint changes, naming old and new key ids', () => {
    const alert = keyChangeAlert({ keyIds: 'ed25519:abc', keyFingerprint: 'f1' }, result({ keyIds: 'ed25519:def', keyFingerprint: 'f2' }));
    expect(alert).toEqual({
      monitorId: 'example.org-keys',
      kind: 'key-change',
      at: NOW,
      message: 'signing key changed: ed25519:abc replaced by ed25519:def',
      previousKeyIds: 'ed25519:abc',
      keyIds: 'ed25519:def',
    });
  });

  it('says when the same key id now carries another key', () => {
    expect(keyChangeAlert({ keyIds: 'ed25519:abc', keyFingerprint: 'f1' }, result({ keyIds: 'ed25519:abc', keyFingerprint: 'f2' }))?.message).toBe(
      'signing key changed: ed25519:abc now has a different public key',
    );
  });

  it('stays quiet without a previous fingerprint, when nothing changed, or when the check failed', () => {
    expect(keyChangeAlert(undefined, result({ keyIds: 'a', keyFingerprint: 'f1' }))).toBeNull();
    expect(keyChangeAlert({ keyIds: 'a', keyFingerprint: 'f1' }, result({ keyIds: 'a', keyFingerprint: 'f1' }))).toBeNull();
    expect(keyChangeAlert({ keyIds: 'a', keyFingerprint: 'f1' }, result({ keyIds: 'b', keyFingerprint: 'f2', keyProblem: 'signature' }, 'down'))).toBeNull();
    expect(keyChangeAlert({ keyIds: 'a', keyFingerprint: 'f1' }, result(undefined))).toBeNull();
  });
});
