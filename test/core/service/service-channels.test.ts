// Channels through the service: sealed in the store, REDACTED in views and exports and kept when sent back,
// validated (fields and ids monitors name), removed cleanly, tested, and a monitor going down reaches them.
import { afterEach, describe, expect, it } from 'vitest';
import { REDACTED } from '../../../electron/shared/contract.ts';
import type { ChannelConfig } from '../../../electron/shared/channel-types.ts';
import { startAlertReceiver } from '../../fixtures/alert-receiver.ts';
import { basicMonitor, cleanUp, openService, readStoreText, rejection, startMonitoredServer, tempDataDir } from './service-fixtures.ts';

afterEach(cleanUp);

const slack = (url: string): ChannelConfig => ({ id: 'ops-slack', name: 'Ops Slack', type: 'webhook', format: 'slack', url, secret: 'hmac-key', default: true });

describe('channels in the service', () => {
  it('seals secrets at rest, never sends them to a view or an export, and keeps them when REDACTED comes back', async () => {
    const receiver = await startAlertReceiver();
    const dataDir = tempDataDir();
    const service = await openService(dataDir);
    const hookUrl = `${receiver.url}/services/T000/B000/XXXXSECRET`;
    const overview = await service.handle('saveChannel', { channel: slack(hookUrl) });
    expect(overview.channels[0]?.channel).toEqual({ ...slack(REDACTED), secret: REDACTED });
    expect(overview.channels[0]?.status).toEqual({ lastSuccessAt: null, lastAttemptAt: null, lastError: null, failing: false, queued: 0 });
    const stored = await readStoreText(service, dataDir);
    expect(stored).not.toContain('XXXXSECRET');
    expect(stored).not.toContain('hmac-key');
    const exported = (await service.handle('exportConfig', {})).json;
    expect(exported).not.toContain('XXXXSECRET');
    expect((JSON.parse(exported) as { channels: unknown[] }).channels).toEqual([{ ...slack(REDACTED), secret: REDACTED }]);
    expect(JSON.stringify(await service.handle('listChannels', {}))).not.toContain('SECRET');

    // Renamed in a form that kept the placeholders: the secrets stay, and the test alert uses them.
    await service.handle('saveChannel', { channel: { ...slack(REDACTED), secret: REDACTED, name: 'Ops chat' } });
    const outcome = await service.handle('testChannel', { channel: { ...slack(REDACTED), secret: REDACTED } });
    expect(outcome).toEqual({ ok: true, detail: '200 OK' });
    expect(receiver.requests[0]?.path).toBe('/services/T000/B000/XXXXSECRET');
    expect(receiver.json()).toEqual({ text: expect.stringContaining('Test alert from Picket') });
    // Importing the export back keeps them too.
    await service.handle('importConfig', { json: exported, mode: 'merge' });
    await service.handle('testChannel', { channel: { ...slack(REDACTED), secret: REDACTED } });
    expect(receiver.requests[1]?.path).toBe('/services/T000/B000/XXXXSECRET');
    await receiver.close();
  });

  it('rejects a bad channel naming the field, a REDACTED with nothing stored, and a monitor naming an unknown channel', async () => {
    const service = await openService(tempDataDir());
    const bad = await rejection(service.handle('saveChannel', { channel: { id: 'x', type: 'ntfy', url: 'ntfy.sh/topic' } }));
    expect(bad.issues).toEqual([{ path: 'channel.url', message: '"ntfy.sh/topic" has no scheme: write http://… or https://…' }]);
    const wrongField = await rejection(service.handle('saveChannel', { channel: { id: 'x', type: 'ntfy', url: 'https://ntfy.sh/t', roomId: '!a:b' } }));
    expect(wrongField.issues).toEqual([{ path: 'channel.roomId', message: 'is not a field of a ntfy channel' }]);
    const placeholder = await rejection(service.handle('saveChannel', { channel: { id: 'm', type: 'matrix', homeserverUrl: 'https://m.example', roomId: '!a:b', accessToken: REDACTED } }));
    expect(placeholder.issues?.[0]?.path).toBe('channel.accessToken');
    const monitor = await rejection(service.handle('addMonitor', { monitor: { id: 'db', type: 'tcp', host: '127.0.0.1', port: 9, channels: ['nope'] } }));
    expect(monitor.issues).toEqual([{ path: 'monitor.channels[0]', message: 'no channel has the id "nope"' }]);
    const imported = await rejection(service.handle('importConfig', { json: JSON.stringify({ version: 1, monitors: [{ id: 'db', type: 'tcp', host: 'h', port: 1, channels: ['gone'] }] }), mode: 'merge' }));
    expect(imported.issues).toEqual([{ path: 'monitors[0].channels[0]', message: 'no channel has the id "gone"' }]);
  });

  it('removing a channel takes it out of the monitors and groups that named it, and nothing else', async () => {
    const service = await openService(tempDataDir());
    await service.handle('saveChannel', { channel: { id: 'a', name: 'A', type: 'ntfy', url: 'https://ntfy.example/a' } });
    await service.handle('saveChannel', { channel: { id: 'b', name: 'B', type: 'ntfy', url: 'https://ntfy.example/b' } });
    await service.handle('addMonitor', { monitor: { id: 'db', type: 'tcp', host: '127.0.0.1', port: 9, paused: true, channels: ['a', 'b'] } });
    await service.handle('setGroupChannels', { group: 'example.org', channelIds: ['a'] });
    const overview = await service.handle('removeChannel', { channelId: 'a' });
    expect(overview.channels.map((view) => view.channel.id)).toEqual(['b']);
    expect(overview.groupChannels).toEqual({ 'example.org': [] });
    expect(service.views()[0]?.monitor.channels).toEqual(['b']);
  });

  it('a monitor going down reaches its channel within its failure threshold plus 5 s, grouped and routed', async () => {
    const receiver = await startAlertReceiver();
    const server = await startMonitoredServer();
    const service = await openService(tempDataDir());
    await service.handle('saveChannel', { channel: { id: 'hook', name: 'Hook', type: 'webhook', url: `${receiver.url}/hook`, default: true } });
    await service.handle('addMonitor', { monitor: basicMonitor(server.url, { intervalSeconds: 1, timeoutSeconds: 1, failureThreshold: 1 }) });
    await service.handle('checkNow', { monitorId: 'api' });
    server.status = 503;
    const wentDown = Date.now();
    await service.handle('checkNow', { monitorId: 'api' });
    await receiver.waitFor(1, 5_000 + 1_000);
    expect(Date.now() - wentDown).toBeLessThan(6_000);
    expect(receiver.json()).toMatchObject({ version: 1, alerts: [{ kind: 'down', monitorId: 'api', state: 'down', previousState: 'up', target: `${server.url}/health` }] });
    const status = (await service.handle('listChannels', {})).channels[0]?.status;
    expect(status).toMatchObject({ failing: false, lastError: null, queued: 0 });
    expect(status?.lastSuccessAt).toEqual(expect.any(Number));
    await receiver.close();
  });
});

describe('command channels', () => {
  it('cannot be added or changed from a dashboard, only from the config file given on the command line', async () => {
    const service = await openService(tempDataDir());
    const command = { id: 'pager', name: 'Pager', type: 'command', argv: ['/usr/local/bin/page', '--team', 'matrix'] } as const;
    const refused = await rejection(service.handle('saveChannel', { channel: command }));
    expect(refused.issues?.[0]).toMatchObject({ path: 'channel.argv', message: expect.stringContaining('runs a program on this machine') });
    const imported = await rejection(service.handle('importConfig', { json: JSON.stringify({ version: 1, channels: [command], monitors: [] }), mode: 'merge' }));
    expect(imported.issues?.[0]?.path).toBe('channels[0].argv');
    expect((await service.handle('listChannels', {})).channels).toEqual([]);

    await service.importTrustedConfig(JSON.stringify({ version: 1, channels: [command], monitors: [] }), 'merge');
    // The stored program may be renamed or tested from the dashboard; a different program may not.
    await service.handle('saveChannel', { channel: { ...command, name: 'On-call pager' } });
    const changed = await rejection(service.handle('saveChannel', { channel: { ...command, argv: ['/bin/sh', '-c', 'curl evil'] } }));
    expect(changed.issues?.[0]?.path).toBe('channel.argv');
    expect((await service.handle('listChannels', {})).channels.map((view) => view.channel)).toEqual([{ ...command, name: 'On-call pager' }]);
  });
});
