import { describe, expect, it } from 'vitest';
import { openSecrets, redactSecrets, restoreRedacted, sealSecrets } from '../../../electron/core/service/secrets.ts';
import { REDACTED } from '../../../electron/shared/contract.ts';
import { parseMonitor } from '../../../electron/shared/config-validation.ts';
import type { HttpMonitor } from '../../../electron/shared/types.ts';
import { fakeCodec } from './service-fixtures.ts';

const withToken = (token: string): HttpMonitor =>
  parseMonitor({ id: 'api', type: 'http', url: 'http://127.0.0.1:1/', auth: { type: 'bearer', token } }) as HttpMonitor;

describe('secrets', () => {
  it('seals with the codec, opens back to the same value, and never seals twice', () => {
    const sealed = sealSecrets(withToken('t0ken'), fakeCodec) as HttpMonitor;
    expect(sealed.auth).toEqual({ type: 'bearer', token: expect.stringMatching(/^enc:v1:/) });
    expect(sealSecrets(sealed, fakeCodec)).toEqual(sealed);
    expect(openSecrets(sealed, fakeCodec)).toEqual({ monitor: withToken('t0ken'), sealed: false });
  });

  it('leaves a sealed secret sealed, and says so, when no codec can open it', () => {
    const sealed = sealSecrets(withToken('t0ken'), fakeCodec);
    expect(openSecrets(sealed, undefined)).toEqual({ monitor: sealed, sealed: true });
  });

  it('treats a stored plain secret (written without a codec) as plain', () => {
    expect(openSecrets(withToken('t0ken'), fakeCodec).monitor).toEqual(withToken('t0ken'));
  });

  it('redacts for a UI and restores REDACTED only from a stored secret of the same auth type', () => {
    expect((redactSecrets(withToken('t0ken')) as HttpMonitor).auth).toEqual({ type: 'bearer', token: REDACTED });
    expect(restoreRedacted(withToken(REDACTED), withToken('t0ken'), 'monitor')).toEqual({ monitor: withToken('t0ken') });
    const basic = parseMonitor({ id: 'api', type: 'http', url: 'http://127.0.0.1:1/', auth: { type: 'basic', username: 'u', password: 'p' } });
    expect(restoreRedacted(withToken(REDACTED), basic, 'monitor')).toEqual({ issue: expect.objectContaining({ path: 'monitor.auth.token' }) });
    expect(restoreRedacted(withToken('new'), withToken('old'), 'monitor')).toEqual({ monitor: withToken('new') });
  });
});
