// The signing-key check against fake homeservers serving signed key answers, each on a free 127.0.0.1 port
// standing in for its own name on 8448 (--connect-to rules).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMatrixKeys } from '../../../../electron/core/matrix/checks/matrix-keys.ts';
import { runCheck } from '../../../../electron/core/checks/run-check.ts';
import type { ProbeOptions } from '../../../../electron/core/checks/probe-options.ts';
import { makeLeafCert, writeCaFile } from '../../../fixtures/certificates.ts';
import { startFakeHomeserver } from '../../../fixtures/fake-homeserver.ts';
import type { FakeHomeserver } from '../../../fixtures/fake-homeserver.ts';
import { keyAnswer, keysMonitor, makeSigningKey } from './matrix-fixtures.ts';
import type { KeyAnswerOptions } from './matrix-fixtures.ts';
import { DAY_MS } from '../../../../electron/shared/time.ts';

const key = makeSigningKey('ed25519:abc');
const impostor = makeSigningKey('ed25519:abc');
let caFile: string;
const servers: FakeHomeserver[] = [];

/** A fake homeserver standing in for name:8448 whose key answer is built per request (fresh valid_until_ts). */
async function serveKeys(name: string, answer: () => Omit<KeyAnswerOptions, 'keys'> & { keys?: KeyAnswerOptions['keys'] }): Promise<void> {
  const cert = await makeLeafCert({ commonName: 'example.org', altNames: ['example.org'] });
  servers.push(await startFakeHomeserver({ names: [name], ports: [8448], cert, signingKey: () => keyAnswer({ keys: [key], ...answer() }) }));
}

/** Every fake's rules: each name on 8448 leads to its server. */
const probe = (): ProbeOptions => ({ connectTo: servers.flatMap((server) => server.connectTo) });

const monitorAt = (host: string): ReturnType<typeof keysMonitor> => keysMonitor({ id: `keys-${host}`, serverName: 'example.org', host, port: 8448, tls: { caFile } });

beforeAll(async () => {
  caFile = await writeCaFile();
  await serveKeys('valid.test', () => ({ serverName: 'example.org', validUntil: Date.now() + DAY_MS }));
  await serveKeys('expired.test', () => ({ serverName: 'example.org', validUntil: Date.now() - 2 * DAY_MS - 60_000 }));
  await serveKeys('impostor.test', () => ({ serverName: 'example.org', validUntil: Date.now() + DAY_MS, signers: [impostor] }));
  await serveKeys('othername.test', () => ({ serverName: 'other.example', validUntil: Date.now() + DAY_MS }));
  const cert = await makeLeafCert({ commonName: 'example.org', altNames: ['example.org'] });
  servers.push(
    await startFakeHomeserver({
      names: ['proxy.test'],
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
    const result = await runCheck(monitorAt('valid.test'), probe());
    expect(result).toMatchObject({ status: 'up', statusCode: 200, detail: { keyIds: 'ed25519:abc' } });
    expect(result.detail?.keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(result.message).toMatch(/^signature by ed25519:abc verified in \d+ ms$/);
    expect(servers[0]?.requests.at(-1)).toMatchObject({ path: '/_matrix/key/v2/server', host: 'example.org', servername: 'example.org' });
  });

  it.each([
    ['expired keys', 'expired.test', 'expired', 'signing keys: keys expired 2 d ago'],
    ['a bad signature', 'impostor.test', 'signature', 'signing keys: signature by ed25519:abc does not verify'],
    ['a wrong server_name', 'othername.test', 'server-name', 'signing keys: server_name is other.example, expected example.org'],
    ['an answer that is not JSON', 'proxy.test', 'malformed', 'signing keys: the answer is not JSON'],
  ])('is down for %s, saying why', async (_label, host, problem, message) => {
    const result = await checkMatrixKeys(monitorAt(host), probe());
    expect(result).toMatchObject({ status: 'down', failureKind: 'protocol', detail: { keyProblem: problem } });
    expect(result.message).toContain(message);
  });

  it('keeps the fingerprint on a failing answer, so the diagnosis can still compare keys', async () => {
    const result = await checkMatrixKeys(monitorAt('impostor.test'), probe());
    expect(result.detail).toMatchObject({ keyIds: 'ed25519:abc' });
  });
});
