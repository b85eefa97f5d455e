// `picket serve` as a home server runs it, through the built program: the token survives restarts, a
// session cookie keeps working across them, `picket token rotate` signs it out, a port in use is one line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { startHttpServer, type TestServer } from '../fixtures/http-servers.ts';
import { startServe } from '../e2e/serve-process.ts';
import { runCli } from './cli-process.ts';

let dir: string;
let reference: TestServer;
let seed: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-serve-home-'));
  reference = await startHttpServer((_req, res) => res.end('ok'));
  // A loopback reference target: the offline guard never reaches for the internet.
  seed = path.join(dir, 'seed.json');
  await writeFile(seed, JSON.stringify({ version: 1, settings: { referenceTarget: `127.0.0.1:${reference.port}` }, monitors: [] }));
});

afterAll(async () => {
  await reference.close();
  await rm(dir, { recursive: true, force: true });
});

async function freshDataDir(name: string): Promise<string> {
  const data = path.join(dir, name);
  await mkdir(data);
  return data;
}

async function signIn(origin: string, token: string): Promise<string> {
  const response = await request(`${origin}/api/session`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  await response.body.dump();
  expect(response.statusCode).toBe(204);
  return String(response.headers['set-cookie']).split(';')[0] ?? '';
}

async function listWith(origin: string, headers: Record<string, string>): Promise<number> {
  const response = await request(`${origin}/api/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name: 'listMonitors', params: {} }),
  });
  await response.body.dump();
  return response.statusCode;
}

describe('serve on a home server', () => {
  it('keeps its token and port across a restart, so a signed-in bookmark still works; token show prints the same URL', async () => {
    const data = await freshDataDir('restart');
    const first = await startServe(['--data', data, '--config', seed], { needsDashboard: false });
    const cookie = await signIn(first.origin, first.token);
    const firstRun = await first.stop();
    expect(firstRun.code, firstRun.stderr).toBe(0);
    expect(firstRun.stderr).toContain(`the access token is kept in ${path.join(data, 'serve-token')}; picket token show --data ${data} prints this address again`);
    expect((await stat(path.join(data, 'serve-token'))).mode & 0o777).toBe(0o600);

    const second = await startServe(['--data', data], { needsDashboard: false });
    try {
      expect(second.url).toBe(first.url);
      expect(await listWith(second.origin, { cookie })).toBe(200);
      expect(await listWith(second.origin, {})).toBe(401);
      const shown = await runCli(['token', 'show', '--data', data]);
      expect(shown).toMatchObject({ code: 0, stdout: `${first.url}\n` });
    } finally {
      await second.stop();
    }
  });

  it('token rotate signs a running serve\'s sessions out within seconds and prints the new URL', async () => {
    const data = await freshDataDir('rotate');
    const serve = await startServe(['--data', data, '--config', seed], { needsDashboard: false });
    let stderr = '';
    try {
      const cookie = await signIn(serve.origin, serve.token);
      const rotated = await runCli(['token', 'rotate', '--data', data]);
      expect(rotated.code, rotated.stderr).toBe(0);
      const newToken = new URL(rotated.stdout.trim()).hash.replace('#token=', '');
      expect(rotated.stdout).toBe(`${serve.origin}/#token=${newToken}\n`);
      expect(newToken).not.toBe(serve.token);
      await expect.poll(() => listWith(serve.origin, { cookie }), { timeout: 10_000 }).toBe(401);
      expect(await listWith(serve.origin, { authorization: `Bearer ${serve.token}` })).toBe(401);
      expect(await listWith(serve.origin, { authorization: `Bearer ${newToken}` })).toBe(200);
    } finally {
      ({ stderr } = await serve.stop());
    }
    expect(stderr).toContain('changed; browsers signed in with the old one are signed out');
  });

  it('a port in use is one line and exit 3; without --port, a taken last port falls back to a free one', async () => {
    const data = await freshDataDir('port');
    const blocker = await startHttpServer((_req, res) => res.end());
    try {
      const refused = await runCli(['serve', '--data', data, '--port', String(blocker.port)]);
      expect(refused).toMatchObject({ code: 3, stdout: '', stderr: `picket: port ${blocker.port} is in use; pick another with --port\n` });

      // The last run's port, recorded in the data folder, is taken now: serve still starts, and says so.
      await writeFile(path.join(data, 'serve-address.json'), JSON.stringify({ origin: `http://127.0.0.1:${blocker.port}`, port: blocker.port }));
      const serve = await startServe(['--data', data, '--config', seed], { needsDashboard: false });
      const run = await serve.stop();
      expect(new URL(serve.url).port).not.toBe(String(blocker.port));
      expect(run.stderr).toContain(`port ${blocker.port}, used last time, is not available now`);
    } finally {
      await blocker.close();
    }
  });

  it('--listen leaves loopback with a warning that recommends a TLS reverse proxy; --listen and --public-url are checked', async () => {
    const data = await freshDataDir('listen');
    const serve = await startServe(['--data', data, '--config', seed, '--listen', '0.0.0.0'], { needsDashboard: false });
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
    expect(await listWith(serve.origin, { authorization: `Bearer ${serve.token}` })).toBe(200);
    const { stderr } = await serve.stop();
    expect(stderr).toContain('picket: warning: listening on every address of this machine, not only this machine.');
    expect(stderr).toContain('put a TLS reverse proxy (Caddy, nginx) in front and give its address with --public-url');

    const badListen = await runCli(['serve', '--data', data, '--listen', 'my-server']);
    expect(badListen.code).toBe(3);
    expect(badListen.stderr).toContain('picket: --listen: must be an IP address such as 0.0.0.0, :: or 192.168.1.10, got "my-server"');
    const badUrl = await runCli(['serve', '--data', data, '--public-url', 'https://example.org/picket/']);
    expect(badUrl.code).toBe(3);
    expect(badUrl.stderr).toContain('picket: --public-url: Picket must be served at the root of its host');
  });

  it('--token-file keeps the token elsewhere; token show and rotate take it too, and explain what is missing', async () => {
    const data = await freshDataDir('token-file');
    const tokenFile = path.join(dir, 'secrets', 'picket-token');
    const noToken = await runCli(['token', 'show', '--data', data, '--token-file', tokenFile]);
    expect(noToken).toMatchObject({ code: 3, stderr: `picket: there is no access token in ${tokenFile} yet: picket serve creates one when it starts (or run picket token rotate)\n` });
    await mkdir(path.dirname(tokenFile));
    // Before serve ever ran, the address is unknown: the token alone, and a word on what to do with it.
    const rotated = await runCli(['token', 'rotate', '--data', data, '--token-file', tokenFile]);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(rotated.stderr).toContain('its address is unknown; open it with #token=<this token> at the end');

    const serve = await startServe(['--data', data, '--config', seed, '--token-file', tokenFile], { needsDashboard: false });
    await serve.stop();
    expect(serve.token).toBe(rotated.stdout.trim());
    const shown = await runCli(['token', 'show', '--data', data, '--token-file', tokenFile]);
    expect(shown.stdout).toBe(`${serve.url}\n`);

    expect(await runCli(['token', 'show', '--data', path.join(dir, 'typo')])).toMatchObject({
      code: 3,
      stderr: `picket: the data folder ${path.join(dir, 'typo')} does not exist; give the --data DIR that serve uses\n`,
    });
    const noAction = await runCli(['token', '--data', data]);
    expect(noAction.code).toBe(3);
    expect(noAction.stderr).toContain('picket: token needs a subcommand: show or rotate');
  });
});
