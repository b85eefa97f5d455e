// The service's Matrix requests against fake homeservers on free 127.0.0.1 ports: discovery, one-click groups,
// the diagnosis as the checks come in, and the re-discovery following a moved delegation (timers driven by hand).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeLeafCert, writeCaFile } from '../../../fixtures/certificates.ts';
import { startDnsServer, type DnsServer } from '../../../fixtures/dns-server.ts';
import { startFakeHomeserver, type FakeHomeserver, type FakeHomeserverOptions } from '../../../fixtures/fake-homeserver.ts';
import { closedPort } from '../../../fixtures/http-servers.ts';
import { keyAnswer, makeSigningKey } from '../checks/matrix-fixtures.ts';
import { cleanUp, collectEvents, nextEvent, openService, rejection, tempDataDir } from '../../service/service-fixtures.ts';
import { parseConnectTo, type ConnectToRule } from '../../../../electron/core/checks/connect-to.ts';
import { lookupWithOverrides } from '../../../../electron/core/matrix/discovery/resolve-override.ts';
import type { ResolveOverride } from '../../../../electron/core/matrix/discovery/types.ts';
import type { PicketService, PicketServiceOptions } from '../../../../electron/core/service/picket-service.ts';
import type { TimerHandle } from '../../../../electron/core/scheduler/clock.ts';
import { MONITOR_LIST_FIELDS } from '../../../../electron/shared/monitor-list.ts';
import { DAY_MS } from '../../../../electron/shared/time.ts';

const NAMES = ['alpha.test', 'hs.alpha.test', 'beta.test', 'hs.beta.test', 'nothing.test'];

/**
 * How connections find the fakes, as curl does it: --connect-to moves each name's port to its fake's free port
 * keeping the name, then the name is resolved. alpha.test is in no DNS record: only --resolve overrides (for the
 * moved port, as curl applies them) lead to it. beta.test and nothing.test are resolved by the DNS fixture.
 */
const CONNECT_TO: ConnectToRule[] = [];
const OVERRIDES: ResolveOverride[] = [];

/** What the fake servers answer, changed by the tests. */
const live = {
  alphaFederationFails: false,
  betaWellKnown: '{"m.server": "hs.beta.test:8448"}',
};

let dns: DnsServer;
let caFile: string;
const servers: FakeHomeserver[] = [];

/** A fake homeserver; its names and ports lead to it through a rule keeping the name (so the name is still resolved). */
async function serve(options: Omit<FakeHomeserverOptions, 'cert'>, cert: FakeHomeserverOptions['cert']): Promise<FakeHomeserver> {
  const server = await startFakeHomeserver({ ...options, cert });
  servers.push(server);
  for (const name of options.names) {
    for (const [port, real] of server.realPorts) CONNECT_TO.push(parseConnectTo(`${name}:${port}::${real}`));
  }
  return server;
}

beforeAll(async () => {
  caFile = await writeCaFile();
  const cert = await makeLeafCert({ commonName: 'fake homeserver', altNames: NAMES });
  dns = await startDnsServer({
    'beta.test': { A: ['127.0.0.1'] },
    'hs.beta.test': { A: ['127.0.0.1'] },
    'nothing.test': { A: ['127.0.0.1'] },
  });
  const alphaKey = makeSigningKey();
  const betaKey = makeSigningKey();
  const alpha = await serve(
    {
      names: ['alpha.test'],
      ports: [443],
      wellKnownServer: { 'm.server': 'hs.alpha.test:443' },
      wellKnownClient: { 'm.homeserver': { base_url: 'https://hs.alpha.test' } },
    },
    cert,
  );
  const hsAlpha = await serve(
    {
      names: ['hs.alpha.test'],
      ports: [443],
      signingKey: () => keyAnswer({ serverName: 'alpha.test', validUntil: Date.now() + DAY_MS, keys: [alphaKey] }),
      handler: (req, res) => {
        if (!live.alphaFederationFails || !(req.url ?? '').startsWith('/_matrix/federation/')) return false;
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('Bad Gateway');
        return true;
      },
    },
    cert,
  );
  OVERRIDES.push(
    { host: 'alpha.test', port: alpha.realPorts.get(443) ?? 0, address: '127.0.0.1' },
    { host: 'hs.alpha.test', port: hsAlpha.realPorts.get(443) ?? 0, address: '127.0.0.1' },
  );
  await serve(
    {
      names: ['beta.test'],
      ports: [443],
      handler: (req, res) => {
        if (req.url !== '/.well-known/matrix/server') return false;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(live.betaWellKnown);
        return true;
      },
    },
    cert,
  );
  await serve(
    {
      names: ['hs.beta.test'],
      ports: [443, 8448],
      signingKey: () => keyAnswer({ serverName: 'beta.test', validUntil: Date.now() + DAY_MS, keys: [betaKey] }),
    },
    cert,
  );
  // Nothing listens there: beta.test:8448 and nothing.test on every port are refused.
  const closed = await closedPort();
  CONNECT_TO.push(parseConnectTo(`beta.test:8448::${closed}`), parseConnectTo(`nothing.test:::${closed}`));
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await dns?.close();
});

afterEach(async () => {
  await cleanUp();
  live.alphaFederationFails = false;
  live.betaWellKnown = '{"m.server": "hs.beta.test:8448"}';
});

/** Re-discovery timers that fire only when the test says so. */
class ManualTimers {
  readonly pending = new Map<number, { fn: () => void; ms: number }>();
  private next = 1;
  setTimer = (fn: () => void, ms: number): TimerHandle => {
    const id = this.next++;
    this.pending.set(id, { fn, ms });
    return id;
  };
  clearTimer = (handle: TimerHandle): void => {
    this.pending.delete(handle as number);
  };
  fireAll(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const { fn } of due) fn();
  }
}

async function open(dataDir = tempDataDir(), extra: Partial<PicketServiceOptions> = {}): Promise<{ service: PicketService; timers: ManualTimers; dataDir: string }> {
  const timers = new ManualTimers();
  const service = await openService(dataDir, {
    // The groups' checks reach the fake names the way discovery does (as --dns-server sets both).
    probeOptions: { lookup: lookupWithOverrides(OVERRIDES, dns.address), dnsServer: dns.address, connectTo: CONNECT_TO },
    matrix: { resolve: OVERRIDES, connectTo: CONNECT_TO, dnsServer: dns.address, caFile, discoveryTimeoutMs: 3000, timers },
    ...extra,
  });
  return { service, timers, dataDir };
}

const GROUP_SUFFIXES = ['client', 'federation', 'federation-tcp', 'client-cert', 'federation-cert', 'keys'];

describe('discoverHomeserver', () => {
  it('returns the discovery and changes nothing', async () => {
    const { service } = await open();
    const discovery = await service.handle('discoverHomeserver', { serverName: 'alpha.test' });
    expect(discovery.federation).toEqual(expect.objectContaining({ host: 'hs.alpha.test', port: 443, via: 'well-known-port', verified: true }));
    expect(discovery.client).toEqual({ baseUrl: 'https://hs.alpha.test', verified: true });
    expect(await service.handle('listMonitors', {})).toEqual(expect.objectContaining({ fields: [...MONITOR_LIST_FIELDS], rows: [] }));
    expect(await service.handle('listHomeservers', {})).toEqual([]);
  });

  it('rejects a malformed server name naming the field', async () => {
    const { service } = await open();
    const error = await rejection(service.handle('discoverHomeserver', { serverName: 'bad_name!' }));
    expect(error).toEqual(expect.objectContaining({ code: 'invalid-params', issues: [expect.objectContaining({ path: 'serverName' })] }));
  });
});

describe('addHomeserver', () => {
  it('creates one group of six monitors from the discovery (443, not a fixed 8448), records it, emits, and re-adding is idempotent', async () => {
    const { service, dataDir } = await open();
    const monitorsEvents = collectEvents(service, 'monitors');
    const homeserversEvent = nextEvent(service, 'homeservers');

    const added = await service.handle('addHomeserver', { serverName: 'Alpha.TEST' });

    expect(added.group).toEqual(expect.objectContaining({ group: 'alpha.test', serverName: 'alpha.test', discoveredAt: expect.any(Number) }));
    expect(added.group.discovery?.federation.port).toBe(443);
    expect(added.monitors.map((v) => v.monitor.id).sort()).toEqual(GROUP_SUFFIXES.map((s) => `alpha.test-${s}`).sort());
    expect(new Set(added.monitors.map((v) => v.monitor.group))).toEqual(new Set(['alpha.test']));
    const byId = new Map(added.monitors.map((v) => [v.monitor.id, v.monitor]));
    expect(byId.get('alpha.test-federation-tcp')).toEqual(expect.objectContaining({ type: 'tcp', host: 'hs.alpha.test', port: 443 }));
    expect(byId.get('alpha.test-federation')).toEqual(expect.objectContaining({ type: 'matrix-federation', port: 443, hostHeader: 'hs.alpha.test:443', tls: { caFile } }));
    expect(byId.get('alpha.test-client')).toEqual(expect.objectContaining({ url: 'https://hs.alpha.test/_matrix/client/versions' }));
    expect(monitorsEvents).toHaveLength(1);
    expect((await homeserversEvent).map((g) => g.serverName)).toEqual(['alpha.test']);

    // Re-adding lands on the same ids; a monitor the user paused stays paused.
    await service.handle('setPaused', { monitorId: 'alpha.test-keys', paused: true });
    const again = await service.handle('addHomeserver', { serverName: 'alpha.test' });
    expect(again.monitors.map((v) => v.monitor.id).sort()).toEqual(added.monitors.map((v) => v.monitor.id).sort());
    expect((await service.handle('listMonitors', {})).rows.length).toBe(6);
    expect(again.monitors.find((v) => v.monitor.id === 'alpha.test-keys')?.monitor.paused).toBe(true);
    expect((await service.handle('listHomeservers', {})).map((g) => g.serverName)).toEqual(['alpha.test']);

    // The record survives a restart.
    await service.close();
    const reopened = await open(dataDir);
    const [group] = await reopened.service.handle('listHomeservers', {});
    expect(group).toEqual(expect.objectContaining({ serverName: 'alpha.test', discoveredAt: again.group.discoveredAt }));
    expect(group?.discovery).toEqual(again.group.discovery);
  });

  it("gives the certificate monitors Settings' default reminder days, and re-adding keeps days the user changed", async () => {
    const { service } = await open();
    await service.handle('updateSettings', { patch: { defaultExpiryWarningDays: [21, 5] } });

    const added = await service.handle('addHomeserver', { serverName: 'alpha.test' });
    const cert = added.monitors.find((v) => v.monitor.id === 'alpha.test-federation-cert')?.monitor;
    expect(cert).toEqual(expect.objectContaining({ type: 'tls', expiryWarningDays: [21, 5] }));

    await service.handle('editMonitor', { monitor: { ...cert, expiryWarningDays: [9] } });
    const again = await service.handle('addHomeserver', { serverName: 'alpha.test' });
    expect(again.monitors.find((v) => v.monitor.id === 'alpha.test-federation-cert')?.monitor).toEqual(expect.objectContaining({ expiryWarningDays: [9] }));
  });

  it('takes the server name as people paste it (a URL, a user id, spaces), and names the field when there is none', async () => {
    const { service } = await open();
    expect((await service.handle('discoverHomeserver', { serverName: ' https://Alpha.test/ ' })).serverName).toBe('alpha.test');
    const added = await service.handle('addHomeserver', { serverName: '@alice:alpha.test' });
    expect(added.group.serverName).toBe('alpha.test');
    const error = await rejection(service.handle('discoverHomeserver', { serverName: '@alice' }));
    expect(error.message).toContain('has no server part');
    expect(error.message).not.toMatch(/pattern/);
  });

  it('fails when nothing answers for the name, and changes nothing', async () => {
    const { service, dataDir } = await open();
    const events = collectEvents(service, 'monitors');
    const error = await rejection(service.handle('addHomeserver', { serverName: 'nothing.test' }));
    expect(error.code).toBe('invalid-params');
    expect(error.message).toMatch(/no Matrix homeserver answers for nothing\.test: .*refused/);
    expect(error.issues).toEqual([expect.objectContaining({ path: 'serverName' })]);
    expect(await service.handle('listMonitors', {})).toEqual(expect.objectContaining({ fields: [...MONITOR_LIST_FIELDS], rows: [] }));
    expect(await service.handle('listHomeservers', {})).toEqual([]);
    expect(events).toEqual([]);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(`${dataDir}/picket.json`, 'utf8')).not.toContain('homeservers');
  });
});

describe('listHomeservers: the diagnosis', () => {
  it('is healthy once every check passed, then "federation broken" when the federation route fails, emitted once', async () => {
    const { service } = await open();
    await service.handle('addHomeserver', { serverName: 'alpha.test' });
    await service.handle('checkNow', {});
    const [healthy] = await service.handle('listHomeservers', {});
    const states = Object.fromEntries(service.views().map((v) => [v.monitor.id, `${v.state} ${v.lastResult?.message ?? ''}`]));
    expect(healthy?.diagnosis, JSON.stringify(states, null, 2)).toEqual(expect.objectContaining({ case: 'healthy', severity: 'ok' }));

    live.alphaFederationFails = true;
    const events = collectEvents(service, 'homeservers');
    const broken = nextEvent(service, 'homeservers', (groups) => groups[0]?.diagnosis?.case === 'federation-broken');
    // failureThreshold 2: two failures before the federation monitor is down.
    await service.handle('checkNow', { monitorId: 'alpha.test-federation' });
    await service.handle('checkNow', { monitorId: 'alpha.test-federation' });
    const [group] = await broken;
    expect(group?.diagnosis).toEqual(expect.objectContaining({ severity: 'down', cause: expect.stringContaining('502') }));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(events).toHaveLength(1);
  });
});

describe('re-discovery', () => {
  it('follows a changed well-known: same ids on the new port, a delegation-changed alert, the new discovery recorded', async () => {
    const { service, timers, dataDir } = await open();
    await service.handle('addHomeserver', { serverName: 'beta.test' });
    expect(service.views().find((v) => v.monitor.id === 'beta.test-federation-tcp')?.monitor).toEqual(expect.objectContaining({ port: 8448 }));
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([expect.any(Number)]);

    live.betaWellKnown = '{"m.server": "hs.beta.test:443"}';
    const alert = nextEvent(service, 'alert', (a) => a.kind === 'delegation-changed');
    const homeservers = nextEvent(service, 'homeservers');
    timers.fireAll();

    expect(await alert).toEqual(
      expect.objectContaining({
        monitorId: 'beta.test-federation',
        message: expect.stringMatching(/^beta\.test: federation moved from hs\.beta\.test:8448 to hs\.beta\.test:443 \(.*federation port 8448 → 443/),
      }),
    );
    const [group] = await homeservers;
    expect(group?.discovery?.federation.port).toBe(443);
    const monitors = new Map(service.views().map((v) => [v.monitor.id, v.monitor]));
    expect(monitors.get('beta.test-federation-tcp')).toEqual(expect.objectContaining({ port: 443 }));
    expect(monitors.get('beta.test-federation')).toEqual(expect.objectContaining({ port: 443, hostHeader: 'hs.beta.test:443' }));
    expect(monitors.size).toBe(6);
    // The next re-discovery is armed again.
    expect(timers.pending.size).toBe(1);

    await service.close();
    const reopened = await open(dataDir);
    const [recorded] = await reopened.service.handle('listHomeservers', {});
    expect(recorded?.discovery?.federation.port).toBe(443);
  });

  it('keeps the monitors when the new delegation does not answer, and the diagnosis says the well-known is broken', async () => {
    const { service, timers } = await open();
    await service.handle('addHomeserver', { serverName: 'beta.test' });
    await service.handle('checkNow', {});
    const alerts = collectEvents(service, 'alert');

    // Broken JSON: per the spec, as if there were none, so beta.test:8448, where nothing listens.
    live.betaWellKnown = '{"m.server": ';
    const homeservers = nextEvent(service, 'homeservers');
    timers.fireAll();
    const [group] = await homeservers;

    expect(group?.discovery?.federation.port).toBe(8448);
    expect(group?.discovery?.federation.host).toBe('hs.beta.test');
    expect(group?.diagnosis).toEqual(expect.objectContaining({ case: 'well-known-broken', severity: 'down' }));
    expect(service.views().find((v) => v.monitor.id === 'beta.test-federation')?.monitor).toEqual(expect.objectContaining({ host: 'hs.beta.test', port: 8448 }));
    expect(alerts.filter((a) => a.kind === 'delegation-changed')).toEqual([]);
    expect(timers.pending.size).toBe(1);
  });
});

describe('the delegation record', () => {
  const SRV_NAME = '_matrix-fed._tcp.hs.beta.test';
  const srvTo = (port: number) => ({ SRV: [{ priority: 10, weight: 0, port, target: 'hs.beta.test' }] });
  afterEach(() => dns.setRecords(SRV_NAME, undefined));

  it('is watched when discovery used SRV, reads as a delegation change when it changes, follows the record, and goes when SRV does', async () => {
    // well-known without a port, then SRV: the record decides the port.
    live.betaWellKnown = '{"m.server": "hs.beta.test"}';
    dns.setRecords(SRV_NAME, srvTo(443));
    const { service, timers } = await open();
    const added = await service.handle('addHomeserver', { serverName: 'beta.test' });
    const record = added.monitors.find((v) => v.monitor.id === 'beta.test-delegation-srv')?.monitor;
    expect(record).toEqual(expect.objectContaining({ type: 'dns', query: SRV_NAME, recordType: 'SRV', expect: ['10 0 443 hs.beta.test'], group: 'beta.test' }));
    expect(added.monitors).toHaveLength(7);
    await service.handle('checkNow', {});
    expect((await service.handle('listHomeservers', {}))[0]?.diagnosis?.case).toBe('healthy');

    // The record changes under the group: after its threshold, the homeserver says its delegation changed.
    dns.setRecords(SRV_NAME, srvTo(8448));
    await service.handle('checkNow', { monitorId: 'beta.test-delegation-srv' });
    await service.handle('checkNow', { monitorId: 'beta.test-delegation-srv' });
    const [changed] = await service.handle('listHomeservers', {});
    expect(changed?.diagnosis).toEqual(
      expect.objectContaining({ case: 'delegation-changed', cause: 'The delegation record of beta.test changed: now hs.beta.test:8448, was hs.beta.test:443' }),
    );

    // Re-discovery follows the record: the monitors move, the record monitor expects the new record.
    const moved = nextEvent(service, 'alert', (a) => a.kind === 'delegation-changed');
    let homeservers = nextEvent(service, 'homeservers');
    timers.fireAll();
    expect((await moved).message).toMatch(/federation moved from hs\.beta\.test:443 to hs\.beta\.test:8448 .*delegation record/);
    await homeservers;
    const views = new Map(service.views().map((v) => [v.monitor.id, v.monitor]));
    expect(views.get('beta.test-delegation-srv')).toEqual(expect.objectContaining({ expect: ['10 0 8448 hs.beta.test'] }));
    expect(views.get('beta.test-federation-tcp')).toEqual(expect.objectContaining({ port: 8448 }));

    // SRV no more (the well-known names the port): the record monitor goes, the rest stay.
    dns.setRecords(SRV_NAME, undefined);
    live.betaWellKnown = '{"m.server": "hs.beta.test:8448"}';
    const removed = nextEvent(service, 'monitors', (changes) => changes.removed.includes('beta.test-delegation-srv'));
    homeservers = nextEvent(service, 'homeservers');
    timers.fireAll();
    await Promise.all([removed, homeservers]);
    expect(service.views().map((v) => v.monitor.id).sort()).toEqual(GROUP_SUFFIXES.map((suffix) => `beta.test-${suffix}`).sort());
    expect((await service.handle('listHomeservers', {}))[0]?.discovery?.federation.srv).toBeUndefined();
  });

  it('stays removed when the user removed it and the delegation did not change', async () => {
    live.betaWellKnown = '{"m.server": "hs.beta.test"}';
    dns.setRecords(SRV_NAME, srvTo(443));
    const { service, timers } = await open();
    await service.handle('addHomeserver', { serverName: 'beta.test' });
    await service.handle('removeMonitor', { monitorId: 'beta.test-delegation-srv' });
    const homeservers = nextEvent(service, 'homeservers');
    timers.fireAll();
    expect((await homeservers)[0]?.discovery?.federation.srv).toBeDefined();
    expect(service.views().some((v) => v.monitor.id === 'beta.test-delegation-srv')).toBe(false);
  });

  it('is not made without SRV', async () => {
    const { service } = await open();
    const added = await service.handle('addHomeserver', { serverName: 'beta.test' });
    expect(added.monitors.filter((v) => v.monitor.type === 'dns')).toEqual([]);
  });
});

describe('matrix options', () => {
  it('are checked when the service opens, naming the option', async () => {
    await expect(open(tempDataDir(), { matrix: { rediscoverEveryMs: 0 } })).rejects.toThrow(/matrix\.rediscoverEveryMs: must be a positive number/);
    await expect(open(tempDataDir(), { matrix: { dnsServer: 'dns.example' } })).rejects.toThrow(/matrix\.dnsServer must be an IP address/);
  });
});
