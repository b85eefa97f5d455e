import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupAlerts, listNames } from '../../../electron/core/alerting/policy/alert-grouping.ts';
import type { MonitorLabel } from '../../../electron/core/alerting/policy/alert-wording.ts';
import type { Alert, AlertKind } from '../../../electron/shared/types.ts';

const labels = new Map<string, MonitorLabel>(
  ['a', 'b', 'c', 'd', 'e'].map((id) => [id, { name: id.toUpperCase(), host: `${id}.example.com` }]),
);
const down = (id: string, at = 1): Alert => ({ monitorId: id, kind: 'down', at, message: `${id.toUpperCase()} is down: timeout` });
const recovered = (id: string, at = 2): Alert => ({ monitorId: id, kind: 'recovered', at, message: 'back', outageMs: 5_000 });
const certificate = (id: string, daysLeft: number): Alert => ({ monitorId: id, kind: 'certificate', at: 3, message: 'cert', daysLeft, thresholdDays: 7 });

describe('listNames', () => {
  it.each([
    [[], ''],
    [['A'], 'A'],
    [['A', 'B'], 'A and B'],
    [['A', 'B', 'C'], 'A, B and C'],
    [['A', 'B', 'C', 'D'], 'A, B, C and 1 more'],
    [['A', 'B', 'C', 'D', 'E'], 'A, B, C and 2 more'],
  ])('%j -> %s', (names, text) => {
    expect(listNames(names)).toBe(text);
  });
});

describe('groupAlerts', () => {
  it('makes several downs one notification', () => {
    const groups = groupAlerts(['a', 'b', 'c', 'd'].map((id) => down(id)), labels);
    expect(groups).toEqual([{ kind: 'down', monitorIds: ['a', 'b', 'c', 'd'], title: '4 monitors down', body: 'A, B, C and 1 more' }]);
  });

  it('keeps a single alert in its own words', () => {
    expect(groupAlerts([down('a')], labels)).toEqual([{ kind: 'down', monitorIds: ['a'], title: 'A is down', body: expect.stringMatching(/^timeout · since \d\d:\d\d$/) }]);
  });

  it('groups mixed kinds by kind: downs, reminders, recoveries, certificates', () => {
    const alerts: Alert[] = [
      certificate('e', 14),
      recovered('a'),
      down('b'),
      { monitorId: 'c', kind: 'reminder', at: 1, message: 'C is still down', outageMs: 600_000 },
      down('d'),
      recovered('e'),
      certificate('c', 3),
    ];
    const groups = groupAlerts(alerts, labels);
    expect(groups.map((g) => [g.kind, g.title, g.body])).toEqual([
      ['down', '2 monitors down', 'B and D'],
      ['reminder', 'C is still down', 'for 10 min'],
      ['recovered', '2 monitors recovered', 'A and E'],
      ['certificate', '2 certificates expire soon', 'c.example.com (3 days) and e.example.com (14 days)'],
    ]);
    expect(groups[3]?.monitorIds).toEqual(['c', 'e']); // the most urgent first, also for the click
  });

  it('keeps only the newest outage alert of a monitor: down then recovered is one "recovered"', () => {
    expect(groupAlerts([down('a', 1), recovered('a', 2)], labels).map((g) => g.title)).toEqual(['A recovered']);
    expect(groupAlerts([recovered('a', 1), down('a', 2)], labels).map((g) => g.title)).toEqual(['A is down']);
  });

  it('never loses a monitor and never shows one twice in the same kind', () => {
    const kinds: AlertKind[] = ['down', 'recovered', 'reminder', 'certificate'];
    const alert = fc.record({
      monitorId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'gone'),
      kind: fc.constantFrom(...kinds),
      at: fc.integer({ min: 0, max: 10_000 }),
      message: fc.string(),
      outageMs: fc.integer({ min: 0, max: 1e9 }),
      daysLeft: fc.integer({ min: -5, max: 60 }),
    });
    fc.assert(
      fc.property(fc.array(alert, { maxLength: 40 }), (alerts) => {
        const groups = groupAlerts(alerts, labels);
        expect(groups.length).toBeLessThanOrEqual(kinds.length);
        const shown = new Set(groups.flatMap((g) => g.monitorIds));
        expect(shown).toEqual(new Set(alerts.map((a) => a.monitorId)));
        for (const g of groups) expect(new Set(g.monitorIds).size).toBe(g.monitorIds.length);
      }),
    );
  });
});

describe('groupAlerts for change events', () => {
  const keyChange = (id: string, at = 4): Alert => ({ monitorId: id, kind: 'key-change', at, message: `${id.toUpperCase()}: signing key changed (ed25519:1 -> ed25519:2)` });

  it('makes several key changes one notification, after outages and certificates', () => {
    const groups = groupAlerts([keyChange('a'), down('c'), keyChange('b')], labels);
    expect(groups.map((g) => [g.kind, g.title, g.body])).toEqual([
      ['down', 'C is down', expect.stringMatching(/^timeout/)],
      ['key-change', '2 monitors: signing key changed', 'A and B'],
    ]);
  });

  it('keeps a key change apart from the same monitor\'s outage alerts', () => {
    const groups = groupAlerts([down('a', 1), recovered('a', 2), keyChange('a', 3)], labels);
    expect(groups.map((g) => g.title)).toEqual(['A recovered', 'A: signing key changed']);
  });

  it('words a delegation change like a key change', () => {
    const delegation: Alert = { monitorId: 'b', kind: 'delegation-changed', at: 5, message: 'B: delegation changed (x -> y)' };
    const groups = groupAlerts([delegation, down('a')], labels);
    expect(groups.map((g) => [g.title, g.body])).toEqual([['A is down', expect.stringMatching(/^timeout/)], ['B: delegation changed', 'x -> y']]);
  });

  it('shows a kind it has no place for last rather than dropping it', () => {
    const unplanned: Alert = { monitorId: 'b', kind: 'brand-new' as string as AlertKind, at: 0, message: 'something' };
    const groups = groupAlerts([unplanned, keyChange('c'), down('a')], labels);
    expect(groups.map((g) => g.title)).toEqual(['A is down', 'C: signing key changed', 'B']);
  });
});
