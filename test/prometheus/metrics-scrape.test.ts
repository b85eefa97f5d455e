// A real Prometheus scrapes Picket's /metrics: serve's behind the access token, run's on --metrics-listen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHttpServer, type TestServer } from '../fixtures/http-servers.ts';
import { queryUntil, startPrometheus, type RunningTool } from '../fixtures/prometheus-tools.ts';
import { startServe, type ServeProcess } from '../e2e/serve-process.ts';
import { collect, interruptGroup, startCliProcessGroup } from '../cli/cli-process.ts';

let dir: string;
let target: TestServer;
let configPath: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-metrics-'));
  target = await startHttpServer((req, res) => {
    res.statusCode = req.url === '/broken' ? 500 : 200;
    res.end('ok');
  });
  configPath = path.join(dir, 'config.json');
  await writeFile(
    configPath,
    JSON.stringify({
      version: 1,
      settings: { referenceTarget: `127.0.0.1:${target.port}` },
      monitors: [
        { id: 'web', name: 'Web', type: 'http', url: `${target.url}/`, intervalSeconds: 1, timeoutSeconds: 1, group: 'site' },
        { id: 'broken', name: 'Broken', type: 'http', url: `${target.url}/broken`, intervalSeconds: 1, timeoutSeconds: 1, failureThreshold: 1 },
        { id: 'port', name: 'Port', type: 'tcp', host: '127.0.0.1', port: target.port, intervalSeconds: 1, timeoutSeconds: 1 },
      ],
    }),
  );
});

afterAll(async () => {
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

describe('serve /metrics', () => {
  let serve: ServeProcess;
  let prometheus: RunningTool | undefined;

  beforeAll(async () => {
    serve = await startServe(['--data', path.join(dir, 'serve-data'), '--config', configPath], { needsDashboard: false });
  });

  afterAll(async () => {
    await prometheus?.stop();
    await serve.stop();
  });

  it('refuses a scrape without the token, or with a wrong one', async () => {
    expect((await fetch(`${serve.origin}/metrics`)).status).toBe(401);
    expect((await fetch(`${serve.origin}/metrics`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const ok = await fetch(`${serve.origin}/metrics`, { headers: { authorization: `Bearer ${serve.token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('# TYPE picket_monitor_up gauge');
  });

  it('is scraped by a real Prometheus with the bearer token: picket_monitor_up for each monitor', async () => {
    const port = new URL(serve.origin).port;
    prometheus = await startPrometheus(
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'scrape_configs:',
        '  - job_name: picket',
        '    scrape_interval: 1s',
        '    scrape_timeout: 1s',
        '    authorization:',
        `      credentials: ${serve.token}`,
        '    static_configs:',
        `      - targets: ['127.0.0.1:${port}']`,
        '',
      ].join('\n'),
    );
    const up = await queryUntil(prometheus.url, 'picket_monitor_up', (vector) => {
      const byId = new Map(vector.map((sample) => [sample.metric.monitor, sample]));
      return byId.size === 3 && byId.get('broken')?.value[1] === '0' && byId.get('web')?.value[1] === '1' ? byId : undefined;
    });
    expect(up.get('web')?.metric).toMatchObject({ name: 'Web', type: 'http', group: 'site', job: 'picket' });
    expect(up.get('port')?.metric).toMatchObject({ name: 'Port', type: 'tcp' });
    expect(up.get('port')?.value[1]).toBe('1');
    const scrape = await queryUntil(prometheus.url, 'up{job="picket"}', (vector) => (vector[0]?.value[1] === '1' ? vector : undefined));
    expect(scrape).toHaveLength(1);
  }, 40_000);
});

describe('run --metrics-listen', () => {
  it('serves /metrics on the address given, without a token, and says where', async () => {
    const child = startCliProcessGroup(['run', '--config', configPath, '--data', path.join(dir, 'run-data'), '--json', '--metrics-listen', '127.0.0.1:0']);
    const finished = collect(child);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stderr = '';
        child.stderr?.on('data', (data: Buffer) => {
          stderr += String(data);
          const match = /metrics on (http:\/\/\S+)/.exec(stderr);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', () => reject(new Error(`run exited early: ${stderr}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      let text = '';
      for (let i = 0; i < 100 && !/picket_monitor_up\{[^}]*monitor="broken"[^}]*\} 0/.test(text); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        text = await (await fetch(url)).text();
      }
      expect(text).toMatch(/picket_monitor_up\{[^}]*monitor="broken"[^}]*\} 0/);
      expect(text).toMatch(/picket_checks_total\{[^}]*monitor="web"[^}]*result="up"\} [1-9]/);
      expect((await fetch(url.replace('/metrics', '/'))).status).toBe(404);
    } finally {
      interruptGroup(child);
    }
    expect((await finished).code).toBe(0);
  }, 30_000);

  it('rejects a malformed address with the flag named', async () => {
    const child = startCliProcessGroup(['run', '--config', configPath, '--data', path.join(dir, 'bad'), '--metrics-listen', 'localhost:99999']);
    const run = await collect(child);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('--metrics-listen: expected ADDRESS:PORT or PORT');
  });
});
