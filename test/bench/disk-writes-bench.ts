// Benchmark: what the whole Picket process writes to disk per check, the way a user would measure it
// (/proc/<pid>/io write_bytes), at 200 HTTP monitors every 20 s. Runs the service in a child process
// (disk-writes-child.ts) so that nothing else (the bench's own server, the TypeScript loader's cache) is counted.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DiskWriteFigures {
  monitors: number;
  intervalSeconds: number;
  measureSeconds: number;
  checks: number;
  bytesPerCheck: number;
  bytesPerCheckWithClose: number;
}

const SERVER_SOURCE = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"versions":["v1.1","v1.2","v1.3"]}');
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

const CHILD = fileURLToPath(new URL('./disk-writes-child.ts', import.meta.url));

export async function runDiskWriteBench(options: { monitors: number; intervalSeconds: number; warmupSeconds: number; measureSeconds: number }): Promise<DiskWriteFigures> {
  const server = spawn(process.execPath, ['-e', SERVER_SOURCE], { stdio: ['ignore', 'pipe', 'inherit'] });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'picket-bench-writes-'));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.stdout?.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
      server.once('error', reject);
    });
    const args = { dataDir, url: `http://127.0.0.1:${port}/_matrix/client/versions`, ...options };
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout?.on('data', (data: Buffer) => (output += String(data)));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    if (code !== 0) throw new Error(`the measured process exited ${String(code)}`);
    const result = JSON.parse(output.trim()) as { checks: number; writeBytes: number; writeBytesWithClose: number };
    return {
      monitors: options.monitors,
      intervalSeconds: options.intervalSeconds,
      measureSeconds: options.measureSeconds,
      checks: result.checks,
      bytesPerCheck: result.writeBytes / Math.max(1, result.checks),
      bytesPerCheckWithClose: result.writeBytesWithClose / Math.max(1, result.checks),
    };
  } finally {
    server.kill();
    await rm(dataDir, { recursive: true, force: true });
  }
}
