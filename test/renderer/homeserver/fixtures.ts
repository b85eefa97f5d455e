// Matrix fixtures for the homeserver tests: a discovery, homeserver groups and Matrix monitor views.
import type { GroupDiagnosis, HomeserverGroup, MonitorView } from '../../../electron/shared/contract.ts';
import type { MatrixDiscovery } from '../../../electron/shared/matrix-types.ts';
import type { MatrixMonitor } from '../../../electron/shared/types.ts';
import { makeView } from '../store/fixtures.ts';

export const DISCOVERY: MatrixDiscovery = {
  serverName: 'example.org',
  federation: { host: 'matrix.example.net', port: 443, hostHeader: 'matrix.example.net:443', tlsServerName: 'matrix.example.net', via: 'well-known-port', verified: true },
  client: { baseUrl: 'https://matrix.example.net', verified: false },
  steps: [
    { step: 'well-known', tried: 'GET https://example.org/.well-known/matrix/server', found: 'm.server: matrix.example.net:443' },
    { step: 'client well-known', tried: 'GET https://example.org/.well-known/matrix/client', error: 'HTTP 404' },
    { step: 'federation version', tried: 'GET https://matrix.example.net:443/_matrix/federation/v1/version', found: 'Synapse 1.95.1' },
  ],
};

export const DISCOVERED_AT = Date.UTC(2025, 0, 15, 9, 30);

export function homeserver(diagnosis: GroupDiagnosis | null, overrides: Partial<HomeserverGroup> = {}): HomeserverGroup {
  return { group: 'example.org', serverName: 'example.org', diagnosis, discovery: DISCOVERY, discoveredAt: DISCOVERED_AT, ...overrides };
}

export const DOWN: GroupDiagnosis = {
  case: 'federation-broken',
  severity: 'down',
  cause: 'Federation listener or delegation broken: connection refused (the client API answers)',
  advice: 'Check that the federation listener runs and that /.well-known/matrix/server points at it.',
};

export const WARNING: GroupDiagnosis = {
  case: 'certificate-expiring',
  severity: 'warning',
  cause: 'Certificate for matrix.example.net expires in 5 days',
  advice: 'Renew the certificate.',
};

export const HEALTHY: GroupDiagnosis = { case: 'healthy', severity: 'ok', cause: 'example.org is healthy: every check passes', advice: 'Nothing to do.' };

export function matrixView(type: MatrixMonitor['type'], detail?: Record<string, string>): MonitorView {
  const id = type === 'matrix-federation' ? 'example.org-federation' : 'example.org-keys';
  const monitor: MatrixMonitor = {
    id,
    type,
    name: type === 'matrix-federation' ? 'example.org federation' : 'example.org signing keys',
    group: 'example.org',
    serverName: 'example.org',
    host: 'matrix.example.net',
    port: 443,
    hostHeader: 'example.org',
    tlsServerName: 'matrix.example.net',
    tls: {},
    intervalSeconds: 300,
    timeoutSeconds: 10,
    failureThreshold: 1,
    reminderIntervalMinutes: 0,
    paused: false,
  };
  return {
    monitor,
    state: 'up',
    lastResult: { monitorId: id, status: 'up', at: 1_700_000_000_000, latencyMs: 80, message: 'ok in 80 ms', ...(detail ? { detail } : {}) },
    uptime: { h24: 1, d7: 1, d30: 1, d365: null },
    muted: false,
  };
}

/** The six monitors of example.org's group, as addHomeserver would return them. */
export function groupViews(): MonitorView[] {
  return [
    makeView('example.org-client', { name: 'example.org client API', group: 'example.org' }),
    matrixView('matrix-federation', { serverName: 'Synapse', serverVersion: '1.95.1' }),
    makeView('example.org-federation-tcp', { name: 'example.org federation port', group: 'example.org', type: 'tcp' }),
    makeView('example.org-client-cert', { name: 'example.org client certificate', group: 'example.org', type: 'tcp' }),
    makeView('example.org-federation-cert', { name: 'example.org federation certificate', group: 'example.org', type: 'tcp' }),
    matrixView('matrix-keys', { keyIds: 'ed25519:a_abcd', keyFingerprint: 'AB:CD' }),
  ];
}
