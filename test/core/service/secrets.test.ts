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

describe('a password in the URL', () => {
  const withUrl = (url: string): HttpMonitor => parseMonitor({ id: 'api', type: 'http', url }) as HttpMonitor;

  it('is redacted for a UI and an export, like other secrets, and restored when the placeholder comes back', () => {
    const stored = withUrl('http://alice:s3cret@127.0.0.1:1/status');
    const view = redactSecrets(stored) as HttpMonitor;
    expect(view.url).toBe(`http://alice:${REDACTED}@127.0.0.1:1/status`);
    expect(JSON.stringify(view)).not.toContain('s3cret');
    expect(restoreRedacted(withUrl(view.url), stored, 'monitor')).toEqual({ monitor: stored });
    expect(restoreRedacted(withUrl(`http://alice:${encodeURIComponent(REDACTED)}@127.0.0.1:1/status`), stored, 'monitor')).toEqual({ monitor: stored });
  });

  it('a placeholder with no stored password names the field', () => {
    expect(restoreRedacted(withUrl(`http://alice:${REDACTED}@127.0.0.1:1/`), undefined, 'monitors[0]')).toEqual({
      issue: { path: 'monitors[0].url', message: expect.stringContaining('enter the password') },
    });
  });

  it('a URL without a password, or with a user only, is left alone', () => {
    for (const url of ['http://127.0.0.1:1/', 'http://alice@127.0.0.1:1/', 'http://127.0.0.1:1/a:b@c']) expect(redactSecrets(withUrl(url))).toEqual(withUrl(url));
  });
});
