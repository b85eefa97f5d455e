// Child process for the kill -9 test: queues one alert for a Matrix room and starts sending it; the parent
// kills it with SIGKILL while the homeserver still holds the request.
import { Outbox } from '../../../electron/core/alerting/delivery/outbox.ts';
import { matrixProvider } from '../../../electron/core/alerting/channels/matrix.ts';
import { twoDown } from './deliveries.ts';

const [dir, homeserverUrl] = process.argv.slice(2) as [string, string];
const outbox = Outbox.open({
  dir,
  isOffline: () => false,
  onReport: () => undefined,
  send: (_channelId, delivery, signal) =>
    matrixProvider.send({ id: 'ops', name: 'Ops', type: 'matrix', homeserverUrl, accessToken: 'tok', roomId: '!room:example.org' }, delivery, { signal, now: Date.now }),
});
outbox.enqueue('ops', twoDown.message);
process.stdout.write('queued\n');
