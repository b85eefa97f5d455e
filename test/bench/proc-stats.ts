// What Linux says about another process: CPU time, resident memory and voluntary context switches (how often
// its threads went to sleep waiting for something, which is how often it woke up). Read from /proc, so the
// process being measured runs exactly as users run it.
import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export interface ProcSample {
  /** performance.now() when read. */
  at: number;
  /** User + system CPU time of every thread, ms. */
  cpuMs: number;
  rssKiB: number;
  /** Voluntary context switches, summed over every thread. */
  voluntarySwitches: number;
  /** The same for the main thread only: the event loop. */
  mainThreadSwitches: number;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

function statusField(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

export function sampleProcess(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at state; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  let voluntarySwitches = 0;
  let mainThreadSwitches = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let taskStatus: string;
    try {
      taskStatus = readFileSync(`/proc/${pid}/task/${task}/status`, 'utf8');
    } catch {
      continue; // a thread that ended while we looked
    }
    const switches = statusField(taskStatus, 'voluntary_ctxt_switches');
    voluntarySwitches += switches;
    if (task === String(pid)) mainThreadSwitches = switches;
  }
  return {
    at: performance.now(),
    cpuMs: (ticks * 1000) / clockTicks(),
    rssKiB: statusField(status, 'VmRSS'),
    voluntarySwitches,
    mainThreadSwitches,
  };
}

export interface ProcDelta {
  seconds: number;
  cpuMs: number;
  wakesPerSecond: number;
  mainThreadWakesPerSecond: number;
  /** Share of one core, in percent. */
  cpuPercent: number;
  rssMiB: number;
}

export function procDelta(from: ProcSample, to: ProcSample): ProcDelta {
  const seconds = (to.at - from.at) / 1000;
  const cpuMs = to.cpuMs - from.cpuMs;
  return {
    seconds,
    cpuMs,
    wakesPerSecond: (to.voluntarySwitches - from.voluntarySwitches) / seconds,
    mainThreadWakesPerSecond: (to.mainThreadSwitches - from.mainThreadSwitches) / seconds,
    cpuPercent: cpuMs / 10 / seconds,
    rssMiB: to.rssKiB / 1024,
  };
}
