// One HTTP request for the HTTP-based channels, through undici with a deadline; any answer outside 2xx is a
// DeliveryError saying the status and the start of what the service said.
import { STATUS_CODES } from 'node:http';
import { request } from 'undici';
import { DeliveryError } from './channel-provider.ts';

export interface HttpSendOptions {
  method?: 'POST' | 'PUT';
  headers?: Record<string, string>;
  body: string;
  signal: AbortSignal;
  /** Default 15 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_ERROR_BODY = 200;

/** "401 Unauthorized", as people know the status. */
export function statusWords(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

/** Resolves with the status words and the body when the answer is 2xx. */
export async function httpSend(url: string, options: HttpSendOptions): Promise<{ status: string; body: string }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response;
  try {
    response = await request(url, {
      method: options.method ?? 'POST',
      headers: { 'user-agent': 'Picket', ...options.headers },
      body: options.body,
      signal: AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? ((error as { cause?: NodeJS.ErrnoException }).cause?.code);
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : code ? `${(error as Error).message} (${code})` : (error as Error).message;
    throw new DeliveryError(`${new URL(url).host}: ${reason}`);
  }
  const text = await response.body.text().catch(() => '');
  if (response.statusCode < 200 || response.statusCode > 299) {
    const snippet = text.trim().slice(0, MAX_ERROR_BODY);
    throw new DeliveryError(snippet === '' ? statusWords(response.statusCode) : `${statusWords(response.statusCode)}: ${snippet}`);
  }
  return { status: statusWords(response.statusCode), body: text };
}

export function jsonHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', ...extra };
}

/** base + path with exactly one slash between them. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
