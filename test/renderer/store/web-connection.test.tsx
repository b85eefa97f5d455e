// @vitest-environment happy-dom
// The store over the web transport: signed out (serve refused the token or session, on a request or on the
// event stream), and reloading when the event stream opens, since events sent before then are lost.
import { beforeEach, describe, expect, it } from 'vitest';
import { connectStore, monitorsStore, resetMonitorsStore } from '../../../renderer/src/store/monitors-store.ts';
import { PicketClientError } from '../../../renderer/src/transport/client-error.ts';
import type { ConnectionStatus } from '../../../renderer/src/transport/web-client.ts';
import { clientWith, FakeClient, listOf, makeView } from './fixtures.ts';

/** A web client stand-in: the fake contract client plus the connection status the web transport reports. */
class FakeWebClient extends FakeClient {
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  onConnectionChange(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }
  report(status: ConnectionStatus): void {
    for (const listener of this.statusListeners) listener(status);
  }
  close(): void {}
}

beforeEach(() => resetMonitorsStore());

describe('signed out', () => {
  it('an "unauthorized" load means signed out, not an error to retry', async () => {
    const client = clientWith([]);
    client.handlers.listMonitors = () => Promise.reject(new PicketClientError('unauthorized', 'request refused: missing or wrong access token'));
    const stop = connectStore(client);
    await expect.poll(() => monitorsStore.getState().connection).toBe('signed-out');
    expect(monitorsStore.getState().error).toBeNull();
    stop();
  });

  it('a rotated token closing the event stream signs the page out, and a later drop does not turn it into "reconnecting"', async () => {
    const client = new FakeWebClient(clientWith([makeView('a')]).handlers);
    const stop = connectStore(client);
    await expect.poll(() => monitorsStore.getState().connection).toBe('ready');
    client.report('signed-out');
    expect(monitorsStore.getState().connection).toBe('signed-out');
    client.report('reconnecting');
    expect(monitorsStore.getState().connection).toBe('signed-out');
    stop();
  });
});

describe('the event stream opening', () => {
  it('reloads once it opens, so a change between the first load and the stream is not lost', async () => {
    let views = [makeView('a')];
    const client = new FakeWebClient({ ...clientWith([]).handlers, listMonitors: () => listOf(views) });
    const stop = connectStore(client);
    await expect.poll(() => monitorsStore.getState().ids).toEqual(['a']);
    views = [makeView('a'), makeView('b')]; // added elsewhere before the stream opened: no event reaches us
    client.report('connecting');
    client.report('open');
    await expect.poll(() => monitorsStore.getState().ids).toEqual(['a', 'b']);
    const loads = client.requests.filter((r) => r.name === 'listMonitors').length;
    client.report('open'); // still open: nothing was missed, no reload
    expect(client.requests.filter((r) => r.name === 'listMonitors')).toHaveLength(loads);
    stop();
  });
});
