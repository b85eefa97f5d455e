// How `picket check` prints results: a table for people, a stable JSON shape for scripts.
import { targetOf } from '../shared/monitor-types/registry.ts';
import type { CheckResult, Monitor } from '../shared/types.ts';

/** The JSON contract of `check --json`: field names are fixed; new fields may be added, none renamed. */
export interface CheckResultJson {
  id: string;
  name: string;
  type: Monitor['type'];
  status: CheckResult['status'];
  latencyMs: number | null;
  message: string;
  failureKind: CheckResult['failureKind'] | null;
  statusCode: number | null;
  timings: CheckResult['timings'] | null;
  certificate: CheckResult['certificate'] | null;
  at: string;
}

export function toCheckResultJson(monitor: Monitor, result: CheckResult): CheckResultJson {
  return {
    id: monitor.id,
    name: monitor.name,
    type: monitor.type,
    status: result.status,
    latencyMs: result.latencyMs,
    message: result.message,
    failureKind: result.failureKind ?? null,
    statusCode: result.statusCode ?? null,
    timings: result.timings ?? null,
    certificate: result.certificate ?? null,
    at: new Date(result.at).toISOString(),
  };
}

export { targetOf };

const STATUS_WORD = { up: 'UP', warning: 'WARN', down: 'DOWN' } as const;

export function formatCheckTable(rows: Array<{ monitor: Monitor; result: CheckResult }>): string {
  const cells = rows.map(({ monitor, result }) => [
    STATUS_WORD[result.status],
    monitor.name,
    monitor.type,
    targetOf(monitor),
    result.latencyMs === null ? '-' : `${result.latencyMs} ms`,
    result.message,
  ]);
  const header = ['STATUS', 'NAME', 'TYPE', 'TARGET', 'LATENCY', 'MESSAGE'];
  const all = [header, ...cells];
  // The message is last and never padded, so a long one wraps without pushing the columns apart.
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  return all
    .map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  '))
    .join('\n');
}
