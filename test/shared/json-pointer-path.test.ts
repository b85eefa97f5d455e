import { describe, expect, it } from 'vitest';
import { jsonPointerToPath } from '../../electron/shared/json-pointer-path.ts';

describe('jsonPointerToPath', () => {
  it('writes a pointer the way people name a field', () => {
    expect(jsonPointerToPath('/monitors/2/port')).toBe('monitors[2].port');
    expect(jsonPointerToPath('/patch/mutedMonitors/0')).toBe('patch.mutedMonitors[0]');
    expect(jsonPointerToPath('/0/name')).toBe('[0].name');
  });

  it('continues a base path', () => {
    expect(jsonPointerToPath('/port', 'monitors[2]')).toBe('monitors[2].port');
    expect(jsonPointerToPath('/steps/0/step', 'homeservers["example.org"].discovery')).toBe('homeservers["example.org"].discovery.steps[0].step');
    expect(jsonPointerToPath('', 'monitor')).toBe('monitor');
  });

  it('is empty for the whole document', () => {
    expect(jsonPointerToPath('')).toBe('');
  });

  it('undoes the escapes for "/" and "~", in that order (RFC 6901)', () => {
    expect(jsonPointerToPath('/headers/a~1b')).toBe('headers.a/b');
    expect(jsonPointerToPath('/headers/a~0b')).toBe('headers.a~b');
    // "~01" is "~" followed by "1", not "/".
    expect(jsonPointerToPath('/headers/~01')).toBe('headers.~1');
  });
});
