// Every channel provider against a local receiver: the exact request each service documents (path, headers,
// body), and the service's error coming back as the delivery error.
import { createHmac } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelConfig } from '../../../electron/shared/channel-types.ts';
import type { Delivery } from '../../../electron/core/alerting/alert-message.ts';
import { twoDown } from './deliveries.ts';
import { providerFor } from '../../../electron/core/alerting/channels/registry.ts';
import { startAlertReceiver, type AlertReceiver } from '../../fixtures/alert-receiver.ts';

let receiver: AlertReceiver;
let dir: string;

beforeAll(async () => {
  receiver = await startAlertReceiver();
  dir = await mkdtemp(path.join(tmpdir(), 'picket-channels-'));
});
afterAll(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.respond = () => ({ status: 200, body: '{}' });
});

function send(channel: ChannelConfig, delivery: Delivery = twoDown): Promise<string> {
  return providerFor(channel).send(channel, delivery, { signal: AbortSignal.timeout(10_000), now: () => Date.parse('2026-01-02T03:04:06Z') });
}

describe('webhook', () => {
  it('posts the generic body, version 1, with custom headers and an HMAC-SHA256 signature of the exact bytes', async () => {
    const answer = await send({ id: 'hook', name: 'Hook', type: 'webhook', url: `${receiver.url}/hooks/picket`, headers: { 'X-Team': 'matrix' }, secret: 's3cret' });
    expect(answer).toBe('200 OK');
    const [request] = receiver.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/hooks/picket');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-team']).toBe('matrix');
    expect(request?.headers['x-picket-signature']).toBe(`sha256=${createHmac('sha256', 's3cret').update(request?.body ?? '').digest('hex')}`);
    expect(receiver.json()).toEqual({
      version: 1,
      id: 'entry-1',
      summary: '2 monitors down: Client API and Federation',
      alerts: [
        {
          kind: 'down',
          monitorId: 'client-api',
          monitorName: 'Client API',
          target: 'https://client-api.example.org/',
          state: 'down',
          previousState: 'up',
          message: 'expected status 200-299, got 502',
          at: '2026-01-02T03:04:05.000Z',
          since: '2026-01-02T03:04:00.000Z',
          outageSeconds: null,
          homeserver: 'example.org',
        },
        expect.objectContaining({ monitorId: 'federation' }),
      ],
    });
  });

  it.each([
    ['slack', { text: '2 monitors down: Client API and Federation\nClient API and Federation' }],
    ['mattermost', { text: '2 monitors down: Client API and Federation\nClient API and Federation' }],
    ['google-chat', { text: '2 monitors down: Client API and Federation\nClient API and Federation' }],
    ['discord', { content: '2 monitors down: Client API and Federation\nClient API and Federation' }],
  ] as const)('format %s posts that service\'s incoming-webhook shape', async (format, body) => {
    await send({ id: 'chat', name: 'Chat', type: 'webhook', url: `${receiver.url}/x`, format });
    expect(receiver.json()).toEqual(body);
    expect(receiver.requests[0]?.headers['x-picket-signature']).toBeUndefined();
  });

  it('format teams posts a MessageCard', async () => {
    await send({ id: 'teams', name: 'Teams', type: 'webhook', url: `${receiver.url}/x`, format: 'teams' });
    expect(receiver.json()).toMatchObject({ '@type': 'MessageCard', title: '2 monitors down: Client API and Federation', text: 'Client API and Federation' });
  });

  it('a refusal comes back as the status and what the service said', async () => {
    receiver.respond = () => ({ status: 401, body: 'invalid_token' });
    await expect(send({ id: 'hook', name: 'Hook', type: 'webhook', url: `${receiver.url}/x` })).rejects.toThrow('401 Unauthorized: invalid_token');
  });
});

describe('ntfy', () => {
  it('posts the text to the topic URL with title, priority, tags and a bearer token', async () => {
    await send({ id: 'phone', name: 'Phone', type: 'ntfy', url: `${receiver.url}/picket-alerts`, token: 'tk_abc', tags: ['matrix'] });
    const [request] = receiver.requests;
    expect(request?.path).toBe('/picket-alerts');
    expect(request?.headers).toMatchObject({ title: '2 monitors down: Client API and Federation', priority: '5', tags: 'matrix', authorization: 'Bearer tk_abc' });
    expect(request?.body).toBe('Client API and Federation');
  });

  it('uses basic auth when given a username and password', async () => {
    await send({ id: 'phone', name: 'Phone', type: 'ntfy', url: `${receiver.url}/t`, username: 'me', password: 'pw', priority: 2 });
    expect(receiver.requests[0]?.headers).toMatchObject({ authorization: `Basic ${Buffer.from('me:pw').toString('base64')}`, priority: '2' });
  });
});

describe('gotify, pushover, telegram, apprise', () => {
  it('gotify: POST /message with X-Gotify-Key', async () => {
    await send({ id: 'g', name: 'Gotify', type: 'gotify', url: `${receiver.url}/gotify/`, token: 'AppTok' });
    expect(receiver.requests[0]).toMatchObject({ method: 'POST', path: '/gotify/message' });
    expect(receiver.requests[0]?.headers['x-gotify-key']).toBe('AppTok');
    expect(receiver.json()).toEqual({ title: '2 monitors down: Client API and Federation', message: 'Client API and Federation', priority: 8 });
  });

  it('pushover: POST /1/messages.json with token and user', async () => {
    await send({ id: 'p', name: 'Pushover', type: 'pushover', token: 'apptoken', userKey: 'userkey', apiUrl: receiver.url });
    expect(receiver.requests[0]?.path).toBe('/1/messages.json');
    expect(receiver.json()).toEqual({ token: 'apptoken', user: 'userkey', title: '2 monitors down: Client API and Federation', message: 'Client API and Federation', priority: 1 });
  });

  it('telegram: sendMessage with the chat id, and the bot token never in an error', async () => {
    await send({ id: 't', name: 'Telegram', type: 'telegram', botToken: '123:SECRET', chatId: '-100', apiUrl: receiver.url });
    expect(receiver.requests[0]?.path).toBe('/bot123:SECRET/sendMessage');
    expect(receiver.json()).toMatchObject({ chat_id: '-100', text: '2 monitors down: Client API and Federation\nClient API and Federation' });
    const closed = 'http://127.0.0.1:9';
    await expect(send({ id: 't', name: 'Telegram', type: 'telegram', botToken: '123:SECRET', chatId: '-100', apiUrl: closed })).rejects.toThrow(/^(?!.*SECRET)/);
  });

  it('apprise: POST to the notify URL with title, body, type and tag', async () => {
    await send({ id: 'a', name: 'Apprise', type: 'apprise', url: `${receiver.url}/notify/picket`, tag: 'ops' });
    expect(receiver.requests[0]?.path).toBe('/notify/picket');
    expect(receiver.json()).toEqual({ title: '2 monitors down: Client API and Federation', body: 'Client API and Federation', type: 'failure', format: 'text', tag: 'ops' });
  });
});

describe('matrix', () => {
  it('PUTs an m.text with an HTML formatted_body, a bearer token, and the same txnId on a retry', async () => {
    const channel: ChannelConfig = { id: 'ops', name: 'Ops', type: 'matrix', homeserverUrl: receiver.url, accessToken: 'syt_bot', roomId: '!abc:example.net' };
    receiver.respond = () => ({ status: 200, body: '{"event_id":"$ev1"}' });
    expect(await send(channel)).toBe('200 OK ($ev1)');
    await send(channel, { ...twoDown, attempt: 2 });
    const [first, retry] = receiver.requests;
    expect(first?.method).toBe('PUT');
    expect(first?.path).toBe('/_matrix/client/v3/rooms/!abc%3Aexample.net/send/m.room.message/picket-entry-1');
    expect(retry?.path).toBe(first?.path);
    expect(first?.headers.authorization).toBe('Bearer syt_bot');
    expect(receiver.json(0)).toEqual({
      msgtype: 'm.text',
      body: '2 monitors down: Client API and Federation\nClient API and Federation',
      format: 'org.matrix.custom.html',
      formatted_body: '<strong>2 monitors down: Client API and Federation</strong><br>Client API and Federation',
    });
  });

  it('a Matrix error comes back with its errcode', async () => {
    receiver.respond = () => ({ status: 403, body: '{"errcode":"M_FORBIDDEN","error":"not in room"}' });
    await expect(send({ id: 'ops', name: 'Ops', type: 'matrix', homeserverUrl: receiver.url, accessToken: 'x', roomId: '!a:b' })).rejects.toThrow('403 Forbidden: {"errcode":"M_FORBIDDEN"');
  });
});

describe('command', () => {
  it('runs the program without a shell and gives it the generic body on stdin', async () => {
    const out = path.join(dir, 'stdin.json');
    const script = path.join(dir, 'save-stdin.mjs');
    await writeFile(script, `import { writeFileSync, readFileSync } from 'node:fs';\nwriteFileSync(process.argv[2], readFileSync(0));\nconsole.log('saved');\n`);
    // A shell would expand $HOME and split on the space: without one, the argument arrives as written.
    const answer = await send({ id: 'c', name: 'Cmd', type: 'command', argv: [process.execPath, script, out, '$HOME; touch x'] });
    expect(answer).toBe('exit 0: saved');
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ version: 1, summary: '2 monitors down: Client API and Federation', alerts: [{ monitorId: 'client-api' }, { monitorId: 'federation' }] });
  });

  it('a non-zero exit, a missing program and a timeout are delivery errors', async () => {
    const failing = path.join(dir, 'fail.sh');
    await writeFile(failing, '#!/bin/sh\necho "quota exceeded" >&2\nexit 4\n');
    await chmod(failing, 0o755);
    await expect(send({ id: 'c', name: 'Cmd', type: 'command', argv: [failing] })).rejects.toThrow(`${failing} exited with 4: quota exceeded`);
    await expect(send({ id: 'c', name: 'Cmd', type: 'command', argv: [path.join(dir, 'nope')] })).rejects.toThrow('no such program');
    await expect(send({ id: 'c', name: 'Cmd', type: 'command', argv: ['/bin/sleep', '5'], timeoutSeconds: 0.3 })).rejects.toThrow(/was stopped \(SIGKILL\)/);
  });
});
