import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES } from '../../electron/shared/contract.ts';
import { validateRequest } from '../../electron/shared/contract-validation.ts';

describe('validateRequest, from the contract table', () => {
  it('compiles every request of the table under strict Ajv, and takes its valid params', () => {
    // A schema Ajv refuses (an unknown keyword, say) throws here; an empty object is refused or taken, never thrown on.
    for (const name of REQUEST_NAMES) expect(() => validateRequest(name, {}), name).not.toThrow();
    expect(validateRequest('getMonitor', { monitorId: 'api' })).toEqual({ ok: true, name: 'getMonitor', params: { monitorId: 'api' } });
    expect(validateRequest('checkNow', undefined)).toEqual({ ok: true, name: 'checkNow', params: {} });
  });

  it('names the field and the reason, in words', () => {
    const checked = validateRequest('getHistory', { monitorId: 'api', range: 'forever', colour: 'red' });
    expect(checked).toEqual({
      ok: false,
      error: {
        code: 'invalid-params',
        message: 'invalid parameters for getHistory: colour: unknown field; range: must be equal to one of the allowed values',
        issues: [
          { path: 'colour', message: 'unknown field' },
          { path: 'range', message: 'must be equal to one of the allowed values' },
        ],
      },
    });
    expect(validateRequest('getMonitor', {})).toMatchObject({ ok: false, error: { message: 'invalid parameters for getMonitor: monitorId: is required' } });
  });

  it('checks a draft monitor or channel field by field with its own validator, whichever request carries it', () => {
    const monitor = validateRequest('testMonitor', { monitor: { id: 'db', type: 'tcp', host: 'db.example', port: 70_000 } });
    expect(monitor).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^invalid monitor: monitor\.port: /), issues: [expect.objectContaining({ path: 'monitor.port' })] } });
    const channel = validateRequest('saveChannel', { channel: { id: 'phone', type: 'ntfy' } });
    expect(channel).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^invalid channel: /) } });
  });

  it('refuses an unknown request by its name', () => {
    expect(validateRequest('dropTables', {})).toEqual({ ok: false, error: { code: 'invalid-params', message: 'unknown request "dropTables"' } });
    expect(validateRequest('toString', {})).toMatchObject({ ok: false, error: { message: 'unknown request "toString"' } });
  });
});
