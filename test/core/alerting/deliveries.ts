// Deliveries the channel tests send: two monitors of one homeserver down, as the policy would group them.
import { composeMessage, type AlertItem, type Delivery } from '../../../electron/core/alerting/alert-message.ts';

const item = (monitorId: string, monitorName: string): AlertItem => ({
  kind: 'down',
  monitorId,
  monitorName,
  target: `https://${monitorId}.example.org/`,
  state: 'down',
  previousState: 'up',
  message: 'expected status 200-299, got 502',
  at: '2026-01-02T03:04:05.000Z',
  since: '2026-01-02T03:04:00.000Z',
  outageSeconds: null,
  homeserver: 'example.org',
});

export const twoDown: Delivery = {
  id: 'entry-1',
  attempt: 1,
  message: composeMessage(
    [{ title: '2 monitors down', body: 'Client API and Federation', kind: 'down', monitorIds: ['client-api', 'federation'] }],
    [item('client-api', 'Client API'), item('federation', 'Federation')],
  ),
};

