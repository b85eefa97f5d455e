// A PicketService on a temp folder, a local HTTP server it monitors, and helpers to wait for its events.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PicketService, ServiceError, type PicketServiceOptions, type SecretCodec } from '../../../electron/core/service/picket-service.ts';
import type { ContractError, EventMap, EventName } from '../../../electron/shared/contract.ts';
import { startHttpServer, type TestServer } from '../../fixtures/http-servers.ts';

const cleanups: Array<() => Promise<void> | void> = [];

export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'picket-service-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Reversible and recognisable, like safeStorage's output is not: enough to prove what is stored where. */
export const fakeCodec: SecretCodec = {
  encrypt: (plain) => Buffer.from(`sealed(${plain})`).toString('base64'),
  decrypt: (stored) => /^sealed\((.*)\)$/s.exec(Buffer.from(stored, 'base64').toString())?.[1] ?? 'WRONG',
};

export async function openService(dataDir: string, options: Partial<PicketServiceOptions> = {}): Promise<PicketService> {
  const service = await PicketService.open({
    dataDir,
    secretCodec: fakeCodec,
    referenceProbe: async () => true,
    eventBatchMs: 20,
    ...options,
  });
  cleanups.push(() => service.close());
  return service;
}

export interface MonitoredServer extends TestServer {
  /** The status every request gets from now on. */
  status: number;
  /** Authorization headers received, in order. */
  authorizations: Array<string | undefined>;
}

export async function startMonitoredServer(): Promise<MonitoredServer> {
  const state = { status: 200, authorizations: [] as Array<string | undefined> };
  const server = await startHttpServer((req, res) => {
    state.authorizations.push(req.headers.authorization);
    res.writeHead(state.status, { 'content-type': 'text/plain' });
    res.end(state.status === 200 ? 'ok' : 'unavailable');
  });
  cleanups.push(() => server.close());
  return Object.assign(state, server);
}

/** Resolves with the next payload of that event. */
export function nextEvent<Name extends EventName>(service: PicketService, name: Name, matches: (payload: EventMap[Name]) => boolean = () => true): Promise<EventMap[Name]> {
  return new Promise((resolve) => {
    const stop = service.on(name, (payload) => {
      if (!matches(payload)) return;
      stop();
      resolve(payload);
    });
  });
}

/** Everything emitted for that event, as it arrives. */
export function collectEvents<Name extends EventName>(service: PicketService, name: Name): Array<EventMap[Name]> {
  const seen: Array<EventMap[Name]> = [];
  cleanups.push(service.on(name, (payload) => seen.push(payload)));
  return seen;
}

export function basicMonitor(url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'api',
    type: 'http',
    name: 'API',
    url: `${url}/health`,
    intervalSeconds: 3600,
    timeoutSeconds: 5,
    failureThreshold: 2,
    auth: { type: 'basic', username: 'probe', password: 's3cret' },
    ...extra,
  };
}

/** picket.json as it is once the service's pending writes have landed. */
export async function readStoreText(service: PicketService, dataDir: string): Promise<string> {
  await service.flushStore();
  return fs.readFileSync(path.join(dataDir, 'picket.json'), 'utf8');
}

/** The contract error a rejected request carried. */
export async function rejection(promise: Promise<unknown>): Promise<ContractError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ServiceError) return error.error;
    throw error;
  }
  throw new Error('the request was expected to be rejected');
}
