// The cost of one Prometheus scrape of a PicketService with many monitors: building the views (with uptime)
// and formatting them through prom-client. Checks are answered by a stand-in, so only the scrape is measured.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PicketMetrics } from '../../electron/core/metrics/picket-metrics.ts';
import { PicketService } from '../../electron/core/service/picket-service.ts';
import type { RunCheck } from '../../electron/core/checks/run-check.ts';

export interface MetricsBenchResult {
  monitors: number;
  series: number;
  bytes: number;
  scrapes: number;
  wallMsPerScrape: number;
  cpuMsPerScrape: number;
}

const answer: RunCheck = async (monitor) => ({
  monitorId: monitor.id,
  status: 'up',
  at: Date.now(),
  latencyMs: 12,
  message: 'ok',
  timings: { dnsMs: 1, connectMs: 2, tlsMs: 4, firstByteMs: 10, totalMs: 12 },
});

export async function runMetricsBench(options: { monitors: number; scrapes: number }): Promise<MetricsBenchResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'picket-metrics-bench-'));
  const service = await PicketService.open({ dataDir: dir, runCheck: answer, referenceProbe: async () => true });
  const metrics = new PicketMetrics(service);
  try {
    const monitors = Array.from({ length: options.monitors }, (_, i) => ({ id: `m${i}`, name: `Monitor ${i}`, type: 'tcp', host: '127.0.0.1', port: 1, intervalSeconds: 5, group: `group ${i % 20}` }));
    await service.handle('importConfig', { json: JSON.stringify({ version: 1, monitors }), mode: 'replace' });
    // Every monitor has a result before measuring.
    await service.handle('checkNow', {});
    let body = (await metrics.exposition()).body;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < options.scrapes; i++) body = (await metrics.exposition()).body;
    const wall = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      monitors: options.monitors,
      series: body.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length,
      bytes: Buffer.byteLength(body),
      scrapes: options.scrapes,
      wallMsPerScrape: wall / options.scrapes,
      cpuMsPerScrape: (cpu.user + cpu.system) / 1000 / options.scrapes,
    };
  } finally {
    metrics.close();
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
}
