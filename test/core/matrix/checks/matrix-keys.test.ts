// The signing-key check against fake homeservers on 127.0.0.70-74:8448 serving signed key answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMatrixKeys } from '../../../../electron/core/matrix/checks/matrix-keys.ts';
import { runCheck } from '../../../../electron/core/checks/run-check.ts';
import { makeLeafCert, writeCaFile } from '../../../fixtures/certificates.ts';
import { startFakeHomeserver } from '../../../fixtures/fake-homeserver.ts';
import type { FakeHomeserver } from '../../../fixtures/fake-homeserver.ts';
import { DAY_MS, keyAnswer, keysMonitor, makeSigningKey } from './matrix-fixtures.ts';
import type { KeyAnswerOptions } from './matrix-fixtures.ts';

const key = makeSigningKey('ed25519:abc');
const impostor = makeSigningKey('ed25519:abc');
let caFile: string;
const servers: FakeHomeserver[] = [];

/** A fake homeserver on 127.0.0.N:8448 whose key answer is built per request (fresh valid_until_ts). */
async function serveKeys(address: string, answer: () => Omit<KeyAnswerOptions, 'keys'> & { keys?: KeyAnswerOptions['keys'] }): Promise<void> {
  const cert = await makeLeafCert({ commonName: 'example.org', altNames: ['example.org'] });
  servers.push(await startFakeHomeserver({ address, ports: [8448], cert, signingKey: () => keyAnswer({ keys: [key], ...answer() }) }));
}

const monitorAt = (host: string): ReturnType<typeof keysMonitor> => keysMonitor({ id: `keys-${host}`, serverName: 'example.org', host, port: 8448, tls: { caFile } });

beforeAll(async () => {
  caFile = await writeCaFile();
  await serveKeys('127.0.0.70', () => ({ serverName: 'example.org', validUntil: Date.now() + DAY_MS }));
  await serveKeys('127.0.0.71', () => ({ serverName: 'example.org', validUntil: Date.now() - 2 * DAY_MS - 60_000 }));
  await serveKeys('127.0.0.72', () => ({ serverName: 'example.org', validUntil: Date.now() + DAY_MS, signers: [impostor] }));
  await serveKeys('127.0.0.73', () => ({ serverName: 'other.example', validUntil: Date.now() + DAY_MS }));
  const cert = await makeLeafCert({ commonName: 'example.org', altNames: ['example.org'] });
  servers.push(
    await startFakeHomeserver({
      address: '127.0.0.74',
      ports: [8448],
      cert,
      handler: (req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>proxy error page</html>');
        return true;
      },
    }),
  );
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('matrix-keys check', () => {
  it('is up for valid keys, recording key ids and a fingerprint, via runCheck', async () => {
    const result = await runCheck(monitorAt('127.0.0.70'));
    expect(result).toMatchObject({ status: 'up', statusCode: 200, detail: { keyIds: 'ed25519:abc' } });
    expect(result.detail?.keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(result.message).toMatch(/^signature by ed25519:abc verified in \d+ ms$/);
    expect(servers[0]?.requests.at(-1)).toMatchObject({ path: '/_matrix/key/v2/server', host: 'example.org', servername: 'example.org' });
  });

  it.each([
    ['expired keys', '127.0.0.71', 'expired', 'signing keys: keys expired 2 days ago'],
    ['a bad signature', '127.0.0.72', 'signature', 'signing keys: signature by ed25519:abc does not verify'],
    ['a wrong server_name', '127.0.0.73', 'server-name', 'signing keys: server_name is other.example, expected example.org'],
    ['an answer that is not JSON', '127.0.0.74', 'malformed', 'signing keys: the answer is not JSON'],
  ])('is down for %s, saying why', async (_label, host, problem, message) => {
    const result = await checkMatrixKeys(monitorAt(host));
    expect(result).toMatchObject({ status: 'down', failureKind: 'protocol', detail: { keyProblem: problem } });
    expect(result.message).toContain(message);
  });

  it('keeps the fingerprint on a failing answer, so the diagnosis can still compare keys', async () => {
    const result = await checkMatrixKeys(monitorAt('127.0.0.72'));
    expect(result.detail).toMatchObject({ keyIds: 'ed25519:abc' });
  });
});
