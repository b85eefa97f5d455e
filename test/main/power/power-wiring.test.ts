import { EventEmitter } from 'node:events';
import type { PowerMonitor } from 'electron';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { wirePower, type PowerMonitorLike } from '../../../electron/main/power/power-wiring.ts';

function setup() {
  const powerMonitor = new EventEmitter();
  const source = { suspend: vi.fn(), resume: vi.fn() };
  const unwire = wirePower({ powerMonitor, source });
  return { powerMonitor, source, unwire };
}

describe('wirePower', () => {
  it('accepts Electron\'s own powerMonitor', () => {
    expectTypeOf<PowerMonitor>().toExtend<PowerMonitorLike>();
  });

  it('suspends the engine on sleep and resumes it on wake', () => {
    const t = setup();
    t.powerMonitor.emit('suspend');
    expect(t.source.suspend).toHaveBeenCalledOnce();
    expect(t.source.resume).not.toHaveBeenCalled();
    t.powerMonitor.emit('resume');
    expect(t.source.resume).toHaveBeenCalledOnce();
  });

  it('leaves the lock screen alone', () => {
    const t = setup();
    t.powerMonitor.emit('lock-screen');
    t.powerMonitor.emit('unlock-screen');
    expect(t.source.suspend).not.toHaveBeenCalled();
    expect(t.source.resume).not.toHaveBeenCalled();
  });

  it('unwires both listeners', () => {
    const t = setup();
    t.unwire();
    t.powerMonitor.emit('suspend');
    t.powerMonitor.emit('resume');
    expect(t.source.suspend).not.toHaveBeenCalled();
    expect(t.powerMonitor.listenerCount('suspend') + t.powerMonitor.listenerCount('resume')).toBe(0);
  });

  it('names what is missing', () => {
    expect(() => wirePower({ powerMonitor: new EventEmitter(), source: { suspend: vi.fn() } as never })).toThrow(/source must have suspend\(\) and resume\(\)/);
  });
});
