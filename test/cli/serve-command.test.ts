import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { startFakeSynapse, type TestServer } from '../fixtures/http-servers.ts';
import { startServe } from '../e2e/serve-process.ts';
import { fromMonitorList, type MonitorList } from '../../electron/shared/monitor-list.ts';

let dir: string;
let synapse: TestServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-serve-'));
  synapse = await startFakeSynapse();
});

afterAll(async () => {
  await synapse.close();
  await rm(dir, { recursive: true, force: true });
});

describe('serve', () => {
  it('prints the tokened URL first, imports --config, answers the contract and exits 0 on Ctrl-C', async () => {
    const config = path.join(dir, 'config.json');
    await writeFile(
      config,
      JSON.stringify({
        version: 1,
        settings: { referenceTarget: `127.0.0.1:${synapse.port}` },
        monitors: [{ id: 'client', name: 'Client API', type: 'http', url: `${synapse.url}/_matrix/client/versions`, keyword: 'versions' }],
      }),
    );
    // The API alone: this test needs no built dashboard.
    const serve = await startServe(['--data', path.join(dir, 'data'), '--config', config], { needsDashboard: false });
    let stopped: Awaited<ReturnType<typeof serve.stop>> | undefined;
    try {
      const match = /^http:\/\/127\.0\.0\.1:(\d+)\/#token=([0-9a-f]{64})$/.exec(serve.url);
      expect(match, serve.url).not.toBeNull();
      const [, port, token] = match as RegExpExecArray;
      const call = async (name: string, params: unknown, auth = `Bearer ${token}`) => {
        const response = await request(`http://127.0.0.1:${port}/api/request`, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: JSON.stringify({ name, params }),
        });
        return { status: response.statusCode, body: (await response.body.json()) as { ok: boolean; result?: unknown } };
      };
      expect((await call('listMonitors', {}, 'Bearer nope')).status).toBe(401);
      await call('checkNow', {});
      const listed = await call('listMonitors', {});
      expect(listed.body.ok).toBe(true);
      expect(fromMonitorList(listed.body.result as MonitorList)).toEqual([expect.objectContaining({ id: 'client', state: 'up' })]);
      const opened = await call('getMonitor', { monitorId: 'client' });
      expect(opened.body.result).toEqual(expect.objectContaining({ monitor: expect.objectContaining({ id: 'client' }), state: 'up' }));
    } finally {
      stopped = await serve.stop();
    }
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toContain('imported 1 monitors');
  });
});
