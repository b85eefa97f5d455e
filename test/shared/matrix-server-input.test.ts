import { describe, expect, it } from 'vitest';
import { serverNameFromInput } from '../../electron/shared/matrix-server-input.ts';
import { serverNameFromUserInput } from '../../electron/core/matrix/discovery/server-name.ts';

describe('serverNameFromInput: a server name as people paste it', () => {
  it.each([
    ['example.org', 'example.org'],
    ['  Example.ORG  ', 'example.org'],
    ['matrix.example.org/', 'matrix.example.org'],
    ['https://matrix.example.org/', 'matrix.example.org'],
    ['https://matrix.example.org', 'matrix.example.org'],
    ['https://matrix.example.org:443/_matrix/client/versions', 'matrix.example.org'],
    ['https://example.org:8448/', 'example.org:8448'],
    ['example.org:8448', 'example.org:8448'],
    ['@alice:example.org', 'example.org'],
    [' @alice:example.org:8448 ', 'example.org:8448'],
    ['#room:example.org', 'example.org'],
    ['[2001:db8::7]:8448', '[2001:db8::7]:8448'],
  ])('%j is %j', (input, serverName) => {
    expect(serverNameFromUserInput(input)).toBe(serverName);
  });

  it('says which part it read, for the UI to show', () => {
    expect(serverNameFromInput('@alice:example.org')).toEqual({ ok: true, serverName: 'example.org', readAs: 'the server of @alice:example.org' });
    expect(serverNameFromInput('https://matrix.example.org/')).toMatchObject({ ok: true, readAs: 'the host of https://matrix.example.org/' });
    expect(serverNameFromInput('example.org')).toEqual({ ok: true, serverName: 'example.org' });
  });

  it('refuses in words, never with a schema pattern', () => {
    expect(serverNameFromInput('   ')).toEqual({ ok: false, message: 'Type a server name, such as example.org.' });
    expect(serverNameFromInput('@alice')).toMatchObject({ ok: false, message: expect.stringContaining('has no server part') });
    expect(serverNameFromInput('my server.org')).toMatchObject({ ok: false, message: expect.stringContaining('has spaces') });
    expect(serverNameFromInput('ftp://example.org/')).toMatchObject({ ok: false, message: expect.stringContaining('not a web address') });
    expect(() => serverNameFromUserInput('example.org:99999')).toThrow(/port must be a number from 1 to 65535/);
  });
});
