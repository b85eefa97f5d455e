// The offline guard's witness: can this machine reach anything at all? A TCP connect to a well-known
// target; a refusal is an answer too (someone is there), only silence means "no network".
import { connect, type LookupFunction } from 'node:net';

export interface ReferenceProbeOptions {
  /** Replaces DNS resolution (tests; a custom resolver). */
  lookup?: LookupFunction;
}

/** Error codes that still prove a server answered us. */
const ANSWER_CODES = new Set(['ECONNREFUSED', 'ECONNRESET']);

export function referenceProbeFor(target: string, timeoutMs: number, options: ReferenceProbeOptions = {}): () => Promise<boolean> {
  const { host, port } = parseTarget(target);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new Error(`reference probe timeoutMs must be a number > 0, got ${String(timeoutMs)}`);
  }
  return () =>
    new Promise<boolean>((resolve) => {
      const socket = connect({ host, port, ...(options.lookup ? { lookup: options.lookup } : {}) });
      // Our own timer, not socket.setTimeout: it must also cover a DNS lookup that never returns.
      const timer = setTimeout(() => finish(false), timeoutMs);
      function finish(answered: boolean): void {
        clearTimeout(timer);
        socket.destroy();
        resolve(answered);
      }
      socket.once('connect', () => finish(true));
      // 'on', not 'once': a late error after destroy must not become an uncaught exception.
      socket.on('error', (err: NodeJS.ErrnoException) => finish(ANSWER_CODES.has(err.code ?? '')));
    });
}

/** "host:port" or "[v6]:port". */
export function parseTarget(target: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(typeof target === 'string' ? target.trim() : '');
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!host || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`referenceTarget must be "host:port" (port 1-65535), got ${JSON.stringify(target)}`);
  }
  return { host, port };
}
