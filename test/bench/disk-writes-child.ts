// The process the disk-write benchmark measures: the whole service (settings and alert bookkeeping in
// picket.json, history, events) as `picket run` and `picket serve` run it, nothing else. It reports the
// bytes this process wrote to storage, from /proc/self/io (write_bytes: what reached the block layer).
import { readFileSync } from 'node:fs';
import { PicketService } from '../../electron/core/service/picket-service.ts';

interface ChildArgs {
  dataDir: string;
  url: string;
  monitors: number;
  intervalSeconds: number;
  warmupSeconds: number;
  measureSeconds: number;
}

function writeBytes(): number {
  const match = /^write_bytes:\s+(\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
  if (!match) throw new Error('/proc/self/io has no write_bytes');
  return Number(match[1]);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
  const monitors = Array.from({ length: args.monitors }, (_, i) => ({
    id: `m${i}`,
    name: `Monitor ${i}`,
    type: 'http',
    url: `${args.url}?m=${i}`,
    intervalSeconds: args.intervalSeconds,
    timeoutSeconds: 5,
    keyword: 'versions',
  }));
  const service = await PicketService.open({
    dataDir: args.dataDir,
    referenceProbe: async () => true,
    config: { json: JSON.stringify({ version: 1, monitors }), mode: 'replace', source: 'bench config' },
  });
  let checks = 0;
  let measuring = false;
  service.on('results', (results) => {
    if (measuring) checks += results.length;
  });
  await sleep(args.warmupSeconds * 1000);
  // fsync everything the start-up wrote, so the measurement starts clean.
  measuring = true;
  const before = writeBytes();
  await sleep(args.measureSeconds * 1000);
  const during = writeBytes() - before;
  measuring = false;
  await service.close();
  const withClose = writeBytes() - before;
  process.stdout.write(`${JSON.stringify({ checks, writeBytes: during, writeBytesWithClose: withClose })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
