// Pausing a monitor that is down ends its outage: no incident stays "ongoing" for a monitor nobody watches,
// whether it is paused while running or was saved paused while Picket was closed.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { basicMonitor, cleanUp, nextEvent, openService, startMonitoredServer, tempDataDir } from './service-fixtures.ts';

afterEach(cleanUp);

async function downMonitor(dataDir: string) {
  const server = await startMonitoredServer();
  server.status = 503;
  const service = await openService(dataDir);
  const down = nextEvent(service, 'state', (change) => change.to === 'down');
  await service.handle('addMonitor', { monitor: basicMonitor(server.url, { failureThreshold: 1 }) });
  await service.handle('checkNow', { monitorId: 'api' });
  await down;
  const history = await service.handle('getHistory', { monitorId: 'api', range: '24h' });
  expect(history.incidents.map((incident) => incident.end)).toEqual([undefined]);
  return service;
}

describe('pausing a monitor that is down', () => {
  it('closes its ongoing incident', async () => {
    const service = await downMonitor(tempDataDir());
    await service.handle('setPaused', { monitorId: 'api', paused: true });
    const [incident] = (await service.handle('getHistory', { monitorId: 'api', range: '24h' })).incidents;
    expect(incident?.end).toEqual(expect.any(Number));
  });

  it('closes it too when the monitor was saved paused while Picket was closed', async () => {
    const dataDir = tempDataDir();
    await (await downMonitor(dataDir)).close();
    const store = JSON.parse(fs.readFileSync(path.join(dataDir, 'picket.json'), 'utf8')) as { monitors: Array<{ paused: boolean }> };
    store.monitors[0]!.paused = true;
    fs.writeFileSync(path.join(dataDir, 'picket.json'), JSON.stringify(store));

    const reopened = await openService(dataDir);
    const [incident] = (await reopened.handle('getHistory', { monitorId: 'api', range: '24h' })).incidents;
    expect(incident?.end).toEqual(expect.any(Number));
  });
});
