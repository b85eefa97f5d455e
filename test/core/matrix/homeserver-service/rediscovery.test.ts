// The re-discovery verdict, its timers and the diagnosis debounce, without a network.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { discoveryRoleStatus, judgeRediscovery, nothingFound } from '../../../../electron/core/matrix/homeserver-service/index.ts';
import { DiagnosisWatch } from '../../../../electron/core/matrix/homeserver-service/diagnosis-watch.ts';
import { KeyDetails } from '../../../../electron/core/matrix/homeserver-service/key-details.ts';
import { RediscoveryTimers } from '../../../../electron/core/matrix/homeserver-service/rediscovery-timers.ts';
import type { HomeserverGroup } from '../../../../electron/shared/contract.ts';
import type { MatrixDiscovery } from '../../../../electron/shared/matrix-types.ts';

function discovery(extra: { host?: string; port?: number; via?: MatrixDiscovery['federation']['via']; baseUrl?: string; fed?: boolean; client?: boolean } = {}): MatrixDiscovery {
  const host = extra.host ?? 'matrix.example.org';
  const port = extra.port ?? 8448;
  return {
    serverName: 'example.org',
    federation: { host, port, hostHeader: `${host}:${port}`, tlsServerName: host, via: extra.via ?? 'well-known-port', verified: extra.fed ?? true },
    client: { baseUrl: extra.baseUrl ?? 'https://matrix.example.org', verified: extra.client ?? true },
    steps: [
      { step: 'well-known', tried: 'https://example.org/.well-known/matrix/server', found: 'm.server' },
      ...(extra.fed === false ? [{ step: 'federation version', tried: `${host}:${port}`, error: 'connection refused' }] : []),
      ...(extra.client === false ? [{ step: 'client versions', tried: 'x', error: 'cannot resolve matrix.example.org' }] : []),
    ],
  };
}

describe('judgeRediscovery', () => {
  it('unchanged when every field is the same', () => {
    expect(judgeRediscovery(discovery(), discovery())).toEqual({ kind: 'unchanged', discovery: discovery() });
  });

  it('moved, with the one-line message, when federation moved and answers at the new place', () => {
    const outcome = judgeRediscovery(discovery(), discovery({ port: 443 }));
    expect(outcome.kind).toBe('moved');
    if (outcome.kind !== 'moved') return;
    expect(outcome.message).toBe(
      'example.org: federation moved from matrix.example.org:8448 to matrix.example.org:443 (federation port 8448 → 443; host header matrix.example.org:8448 → matrix.example.org:443)',
    );
    expect(outcome.changes.flatMap((c) => c.monitorIds)).toContain('example.org-federation-tcp');
  });

  it('words a client move and a delegation-only change', () => {
    const client = judgeRediscovery(discovery(), discovery({ baseUrl: 'https://chat.example.org' }));
    expect(client.kind === 'moved' && client.message).toMatch(/^example\.org: client API moved from https:\/\/matrix\.example\.org to https:\/\/chat\.example\.org/);
    const via = judgeRediscovery(discovery(), discovery({ via: 'well-known' }));
    expect(via.kind === 'moved' && via.message).toBe('example.org: delegation changed (delegation well-known-port → well-known)');
  });

  it('failed when the moved endpoint does not answer there, or when nothing answers at all', () => {
    const unverified = judgeRediscovery(discovery(), discovery({ port: 443, fed: false }));
    expect(unverified).toEqual({ kind: 'failed', reason: expect.stringMatching(/now points federation at matrix\.example\.org:443, which does not answer.*connection refused/), failureKind: 'other' });
    const nothing = judgeRediscovery(discovery(), discovery({ fed: false, client: false }));
    expect(nothing).toEqual({ kind: 'failed', reason: expect.stringContaining('no Matrix homeserver answers for example.org'), failureKind: 'dns' });
    // Unchanged but one side down: the monitors say that, discovery itself is fine.
    expect(judgeRediscovery(discovery(), discovery({ fed: false })).kind).toBe('unchanged');
  });

  it('gives the diagnosis its discovery role: down, warning or up', () => {
    expect(discoveryRoleStatus({ kind: 'failed', reason: 'r', failureKind: 'dns' }, 'example.org', 5)).toEqual({
      state: 'down',
      lastResult: expect.objectContaining({ status: 'down', message: 'r', failureKind: 'dns', at: 5 }),
    });
    const moved = judgeRediscovery(discovery(), discovery({ port: 443 }));
    expect(discoveryRoleStatus(moved, 'example.org', 5)).toEqual({ state: 'warning', lastResult: expect.objectContaining({ message: expect.stringContaining('federation port 8448 → 443') }) });
    expect(discoveryRoleStatus({ kind: 'unchanged', discovery: discovery() }, 'example.org', 5).state).toBe('up');
  });

  it('nothingFound is undefined when either side answered', () => {
    expect(nothingFound(discovery({ fed: false }))).toBeUndefined();
    expect(nothingFound(discovery({ client: false }))).toBeUndefined();
  });
});

describe('RediscoveryTimers', () => {
  it('fires at the due time plus a stable per-name offset within a 48th of the period, and re-arming replaces the timer', () => {
    const armed: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
    const ran: string[] = [];
    const timers = new RediscoveryTimers(
      {
        setTimer: (fn, ms) => armed.push({ fn, ms, cleared: false }) - 1,
        clearTimer: (handle) => {
          (armed[handle as number] as { cleared: boolean }).cleared = true;
        },
      },
      () => 1_000,
      (name) => ran.push(name),
    );
    const period = 48_000;
    timers.schedule('a.test', 11_000, period);
    timers.schedule('b.test', 11_000, period);
    const [a, b] = armed;
    for (const timer of [a, b]) expect(timer?.ms).toBeGreaterThanOrEqual(10_000);
    for (const timer of [a, b]) expect(timer?.ms).toBeLessThan(11_000);
    expect(a?.ms).not.toBe(b?.ms);
    // Overdue (a restart after a week off): soon, still spread.
    timers.schedule('a.test', 0, period);
    expect(a?.cleared).toBe(true);
    expect(armed[2]?.ms).toBe((a?.ms ?? 0) - 10_000);
    armed[2]?.fn();
    expect(ran).toEqual(['a.test']);
    timers.stop();
    expect(b?.cleared).toBe(true);
  });
});

describe('DiagnosisWatch', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const group = (caseName: string): HomeserverGroup => ({
    group: 'example.org',
    serverName: 'example.org',
    discovery: null,
    discoveredAt: null,
    diagnosis: { case: caseName, cause: caseName, advice: '', severity: 'ok' },
  });

  it('compares once per burst and emits only when a diagnosis changed', () => {
    vi.useFakeTimers();
    let current = [group('healthy')];
    const emitted: HomeserverGroup[][] = [];
    const watch = new DiagnosisWatch(() => current, (groups) => emitted.push(groups), 100);
    watch.remember(current);
    watch.poke();
    vi.advanceTimersByTime(100);
    expect(emitted).toEqual([]);
    current = [group('host-down')];
    for (let i = 0; i < 6; i++) watch.poke();
    vi.advanceTimersByTime(100);
    expect(emitted).toEqual([current]);
    watch.poke();
    vi.advanceTimersByTime(100);
    expect(emitted).toHaveLength(1);
  });
});

describe('KeyDetails', () => {
  it('keeps the previous passing detail and says when the key fingerprint changed', () => {
    const details = new KeyDetails();
    const result = (fingerprint: string, status: 'up' | 'down' = 'up') => ({ monitorId: 'k', status, at: 0, latencyMs: 1, message: '', detail: { keyFingerprint: fingerprint } });
    expect(details.record(result('A'))).toBe(false);
    expect(details.record(result('B', 'down'))).toBe(false);
    expect(details.record(result('A'))).toBe(false);
    expect(details.record(result('C'))).toBe(true);
    expect(details.previousDetail('k')).toEqual({ keyFingerprint: 'A' });
  });
});
