import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trayStatus, trayTooltip } from '../../../electron/main/tray/tray-status.ts';
import type { MonitorState } from '../../../electron/shared/types.ts';
import { MONITOR_STATES, tcpView } from './view-fixtures.ts';

const viewsOf = (...states: MonitorState[]) => states.map((state, i) => tcpView(`m${i}`, state));
const online = { offline: false };

describe('trayStatus', () => {
  it.each([
    [['up', 'up'], 'ok'],
    [['up', 'warning'], 'warning'],
    [['up', 'pending'], 'warning'],
    [['warning', 'down', 'up'], 'down'],
    [['pending', 'down'], 'down'],
    [['up', 'paused', 'unknown'], 'ok'],
    [['paused', 'paused'], 'idle'],
    [['unknown', 'unknown'], 'idle'],
    [['paused', 'unknown'], 'idle'],
    [[], 'idle'],
  ] as Array<[MonitorState[], string]>)('%j -> %s', (states, expected) => {
    expect(trayStatus(viewsOf(...states), online)).toBe(expected);
  });

  it('is gray while the machine is offline, whatever the monitors say', () => {
    expect(trayStatus(viewsOf('down', 'up'), { offline: true })).toBe('idle');
  });

  const states = fc.array(fc.constantFrom(...MONITOR_STATES), { maxLength: 30 });

  it('is never ok (or warning) while any monitor is down and the machine is online', () => {
    fc.assert(
      fc.property(states, (list) => {
        fc.pre(list.includes('down'));
        expect(trayStatus(viewsOf(...list), online)).toBe('down');
      }),
    );
  });

  it('is ok exactly when something is up and nothing is down, warning or pending', () => {
    fc.assert(
      fc.property(states, (list) => {
        const problem = list.some((s) => s === 'down' || s === 'warning' || s === 'pending');
        const ok = list.includes('up') && !problem;
        expect(trayStatus(viewsOf(...list), online) === 'ok').toBe(ok);
      }),
    );
  });

  it('does not depend on the order of the monitors', () => {
    fc.assert(
      fc.property(states, (list) => {
        expect(trayStatus(viewsOf(...[...list].reverse()), online)).toBe(trayStatus(viewsOf(...list), online));
      }),
    );
  });
});

describe('trayTooltip', () => {
  it('counts states with up first and leaves zero counts out', () => {
    const states: MonitorState[] = [...Array<MonitorState>(12).fill('up'), 'down', 'warning'];
    expect(trayTooltip(viewsOf(...states))).toBe('12 up · 1 down · 1 warning');
  });

  it('includes pending, paused and unknown when there are some', () => {
    expect(trayTooltip(viewsOf('unknown', 'paused', 'pending', 'up'))).toBe('1 up · 1 pending · 1 paused · 1 unknown');
  });

  it('says "No monitors" when there are none', () => {
    expect(trayTooltip([])).toBe('No monitors');
  });

  it('adds a line for offline and for paused alerts', () => {
    expect(trayTooltip(viewsOf('up'), { offline: true, alertsPaused: true })).toBe('1 up\nOffline: checks are on hold\nAlerts paused');
  });

  it("adds a line for each of Picket's own problems, such as a full disk", () => {
    expect(trayTooltip(viewsOf('up'), { problems: ['cannot write history: the disk is full (ENOSPC)'] })).toBe('1 up\nProblem: cannot write history: the disk is full (ENOSPC)');
  });
});
