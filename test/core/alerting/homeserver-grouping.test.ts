import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupAlerts } from '../../../electron/core/alerting/policy/alert-grouping.ts';
import type { MonitorLabel } from '../../../electron/core/alerting/policy/alert-wording.ts';
import type { GroupDiagnosis, HomeserverGroup } from '../../../electron/shared/contract.ts';
import type { Alert, AlertKind } from '../../../electron/shared/types.ts';

const labels = new Map<string, MonitorLabel>([
  ['client', { name: 'Client API', host: 'matrix.example.org', group: 'example.org' }],
  ['fed', { name: 'Federation', host: 'matrix.example.org', group: 'example.org' }],
  ['fed-tcp', { name: 'Federation TCP', host: 'matrix.example.org', group: 'example.org' }],
  ['keys', { name: 'Signing keys', host: 'matrix.example.org', group: 'example.org' }],
  ['other-fed', { name: 'Other federation', host: 'other.net', group: 'other.net' }],
  ['other-keys', { name: 'Other keys', host: 'other.net', group: 'other.net' }],
  ['web', { name: 'Website', host: 'www.example.org', group: 'websites' }],
  ['db', { name: 'DB', host: 'db.example.org' }],
]);

const down = (id: string, at = 1): Alert => ({ monitorId: id, kind: 'down', at, message: `${labels.get(id)?.name ?? id} is down: connection refused` });
const recovered = (id: string, at = 2): Alert => ({ monitorId: id, kind: 'recovered', at, message: 'back', outageMs: 60_000 });

function homeserver(serverName: string, diagnosis: GroupDiagnosis | null): HomeserverGroup {
  return { group: serverName, serverName, diagnosis, discovery: null, discoveredAt: null };
}

const crashed: GroupDiagnosis = {
  case: 'process-down',
  cause: 'example.org is not running: connections are refused on the client and federation ports',
  advice: 'Restart the homeserver process and read its log.',
  severity: 'down',
};
const firewall: GroupDiagnosis = {
  case: 'federation-port-blocked',
  cause: 'Firewall or routing blocks matrix.example.org:8448',
  advice: 'Open port 8448 in the firewall.',
  severity: 'down',
};

describe('homeserver grouping', () => {
  it('makes one notification for a homeserver, titled with the diagnosis, advice and names in the body', () => {
    const groups = groupAlerts([down('fed-tcp', 1), down('fed', 2)], labels, [homeserver('example.org', firewall)]);
    expect(groups).toEqual([
      {
        kind: 'down',
        monitorIds: ['fed-tcp', 'fed'],
        homeserver: 'example.org',
        title: 'example.org: Firewall or routing blocks matrix.example.org:8448',
        body: 'Open port 8448 in the firewall.\nFederation TCP and Federation',
      },
    ]);
  });

  it('does not repeat the server name when the cause already starts with it', () => {
    const groups = groupAlerts([down('client'), down('fed'), down('fed-tcp')], labels, [homeserver('example.org', crashed)]);
    expect(groups.map((g) => g.title)).toEqual(['example.org is not running: connections are refused on the client and federation ports']);
  });

  it('counts the monitors when there is no diagnosis', () => {
    const groups = groupAlerts([down('client'), down('fed'), down('fed-tcp')], labels, [homeserver('example.org', null)]);
    expect(groups.map((g) => [g.title, g.body, g.monitorIds[0]])).toEqual([
      ['example.org: 3 monitors down', 'Client API, Federation and Federation TCP', 'client'],
    ]);
  });

  it('counts each kind, and puts the most urgent first for the click, when kinds are mixed', () => {
    const keyChange: Alert = { monitorId: 'keys', kind: 'key-change', at: 0, message: 'Signing keys: signing key changed (ed25519:a -> ed25519:b)' };
    const groups = groupAlerts([recovered('client', 1), keyChange, down('fed', 3), down('fed-tcp', 4)], labels, [homeserver('example.org', null)]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      kind: 'down',
      monitorIds: ['fed', 'fed-tcp', 'client', 'keys'],
      title: 'example.org: 2 monitors down, 1 monitor recovered, 1 monitor: signing key changed',
    });
  });

  it('counts rather than quoting a "healthy" diagnosis, which says nothing about these alerts', () => {
    const healthy: GroupDiagnosis = { case: 'healthy', cause: 'example.org is healthy: every check passes', advice: 'Nothing to do.', severity: 'ok' };
    const groups = groupAlerts([recovered('client'), recovered('fed')], labels, [homeserver('example.org', healthy)]);
    expect(groups.map((g) => [g.title, g.body])).toEqual([['example.org: 2 monitors recovered', 'Client API and Federation']]);
  });

  it('leaves a single monitor of a homeserver to its own, more precise words', () => {
    const groups = groupAlerts([down('fed')], labels, [homeserver('example.org', firewall)]);
    expect(groups.map((g) => [g.title, g.homeserver])).toEqual([['Federation is down', undefined]]);
  });

  it('counts a monitor once: its down then recovered in one batch is one monitor', () => {
    const groups = groupAlerts([down('fed', 1), recovered('fed', 2)], labels, [homeserver('example.org', firewall)]);
    expect(groups.map((g) => g.title)).toEqual(['Federation recovered']);
  });

  it('mixed batch: the homeserver as one, other monitors grouped by kind as before', () => {
    const alerts = [down('web', 1), down('client', 2), down('db', 3), down('fed', 4), recovered('other-fed', 5)];
    const groups = groupAlerts(alerts, labels, [homeserver('example.org', crashed), homeserver('other.net', null)]);
    expect(groups.map((g) => [g.homeserver, g.title, g.monitorIds])).toEqual([
      ['example.org', crashed.cause, ['client', 'fed']],
      [undefined, '2 monitors down', ['web', 'db']],
      [undefined, 'Other federation recovered', ['other-fed']],
    ]);
  });

  it('one notification per homeserver when two are in trouble at once', () => {
    const alerts = [down('client'), down('other-fed'), down('fed'), down('other-keys')];
    const groups = groupAlerts(alerts, labels, [homeserver('example.org', firewall), homeserver('other.net', null)]);
    expect(groups.map((g) => [g.homeserver, g.title])).toEqual([
      ['example.org', 'example.org: Firewall or routing blocks matrix.example.org:8448'],
      ['other.net', 'other.net: 2 monitors down'],
    ]);
  });

  it('ignores groups that are not homeservers', () => {
    const groups = groupAlerts([down('client'), down('fed')], labels, []);
    expect(groups.map((g) => [g.title, g.homeserver])).toEqual([['2 monitors down', undefined]]);
  });

  it('never loses a monitor, with or without homeservers', () => {
    const kinds: AlertKind[] = ['down', 'recovered', 'reminder', 'certificate', 'key-change'];
    const alert = fc.record({
      monitorId: fc.constantFrom(...labels.keys(), 'gone'),
      kind: fc.constantFrom(...kinds),
      at: fc.integer({ min: 0, max: 10_000 }),
      message: fc.string(),
    });
    const servers = fc.subarray([homeserver('example.org', firewall), homeserver('other.net', null)]);
    fc.assert(
      fc.property(fc.array(alert, { maxLength: 30 }), servers, (alerts, homeservers) => {
        const groups = groupAlerts(alerts, labels, homeservers);
        expect(new Set(groups.flatMap((g) => g.monitorIds))).toEqual(new Set(alerts.map((a) => a.monitorId)));
        for (const g of groups) expect(new Set(g.monitorIds).size).toBe(g.monitorIds.length);
        // A homeserver appears in at most one notification of its own.
        const named = groups.flatMap((g) => (g.homeserver === undefined ? [] : [g.homeserver]));
        expect(new Set(named).size).toBe(named.length);
      }),
    );
  });
});
