// Benchmark: what the app's main thread pays for the store and the views with many monitors. The service is
// opened on a data folder holding N monitors (as after an import), every monitor is checked once against a
// local server so each view carries a result, then each call is timed on the caller's thread.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PicketService } from '../../electron/core/service/picket-service.ts';
import { DEFAULT_SETTINGS } from '../../electron/shared/defaults.ts';

export interface StoreBenchFigures {
  monitors: number;
  /** Median and p99 of each call, ms. */
  settings: [number, number];
  views: [number, number];
  setMuted: [number, number];
  singleEdit: [number, number];
  /** The listMonitors answer as JSON, bytes. */
  listMonitorsBytes: number;
}

function spread(samples: number[]): [number, number] {
  const sorted = [...samples].sort((a, b) => a - b);
  return [sorted[Math.floor(sorted.length / 2)] ?? 0, sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0];
}

function timeEach(times: number, call: (i: number) => unknown): number[] {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    call(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function timeEachAsync(times: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await call(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** checkAll: check every monitor first, so each view carries a result (as in use); slow at 10,000. */
export async function runStoreBench(monitorCount: number, checkAll = true): Promise<StoreBenchFigures> {
  const server = http.createServer((_req, res) => res.end('{"versions":["v1.1"]}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'picket-bench-store-'));
  try {
    const monitors = Array.from({ length: monitorCount }, (_, i) => ({
      id: `m${i}`,
      name: `Monitor ${i}`,
      group: `group ${i % 20}`,
      type: 'http',
      url: `http://127.0.0.1:${port}/_matrix/client/versions?m=${i}`,
      intervalSeconds: 3600,
      timeoutSeconds: 5,
      keyword: 'versions',
      paused: false,
    }));
    await writeFile(
      path.join(dataDir, 'picket.json'),
      JSON.stringify({ schemaVersion: 1, monitors, settings: { ...DEFAULT_SETTINGS, referenceTarget: `127.0.0.1:${port}`, maxConcurrentChecks: 64 } }),
    );
    const service = await PicketService.open({ dataDir, referenceProbe: async () => true });
    try {
      if (checkAll) await service.handle('checkNow', {});
      service.views();
      const settings = spread(timeEach(200, () => service.settings()));
      const views = spread(timeEach(200, () => service.views()));
      const setMuted = spread(await timeEachAsync(100, (i) => service.handle('setMuted', { monitorId: `m${i}`, muted: i % 2 === 0 })));
      const singleEdit = spread(
        await timeEachAsync(100, (i) => service.handle('editMonitor', { monitor: { ...monitors[i], name: `Renamed ${i}` } as never })),
      );
      const listed = await service.handle('listMonitors', {});
      return { monitors: monitorCount, settings, views, setMuted, singleEdit, listMonitorsBytes: Buffer.byteLength(JSON.stringify(listed)) };
    } finally {
      await service.close();
    }
  } finally {
    server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
