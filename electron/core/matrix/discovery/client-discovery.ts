// Client-server discovery: /.well-known/matrix/client names the base URL, which counts only once
// /_matrix/client/versions answers there. Without a usable client well-known, https://<server name> is
// tried instead, and the steps say so.
import { STATUS_CODES } from 'node:http';
import { GetError, httpsGet } from './https-get.ts';
import type { HttpsContext } from './https-get.ts';
import { hostForUrl, joinHostPort } from './server-name.ts';
import type { ServerName } from './server-name.ts';
import type { DiscoveryStep } from './types.ts';
import { WELL_KNOWN_MAX_BYTES, WELL_KNOWN_MAX_REDIRECTS } from './well-known-server.ts';

export interface ClientDiscovery {
  baseUrl: string;
  verified: boolean;
  steps: DiscoveryStep[];
}

/** m.homeserver.base_url from a client well-known body, without trailing slashes; throws a readable reason. */
export function readBaseUrl(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new Error(`invalid JSON (${(error as Error).message})`);
  }
  const homeserver = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['m.homeserver'] : undefined;
  const baseUrl = typeof homeserver === 'object' && homeserver !== null ? (homeserver as Record<string, unknown>).base_url : undefined;
  if (typeof baseUrl !== 'string' || baseUrl === '') throw new Error('no "m.homeserver.base_url" string');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`m.homeserver.base_url "${baseUrl}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`m.homeserver.base_url "${baseUrl}" is not an http(s) URL`);
  return baseUrl.replace(/\/+$/, '');
}

/** "12 versions, newest v1.11" from a versions body; throws a readable reason when "versions" is not a string array. */
export function readVersions(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error('the answer is not JSON');
  }
  const versions = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).versions : undefined;
  if (!Array.isArray(versions) || versions.length === 0 || !versions.every((v) => typeof v === 'string')) {
    throw new Error('the JSON has no "versions" array of strings');
  }
  return `${versions.length} version${versions.length === 1 ? '' : 's'}, last listed ${String(versions[versions.length - 1])}`;
}

async function wellKnownBaseUrl(name: ServerName, context: HttpsContext, steps: DiscoveryStep[]): Promise<string | undefined> {
  // The client spec asks the hostname of the server name, without its port.
  const url = `https://${hostForUrl(name.host)}/.well-known/matrix/client`;
  const step: DiscoveryStep = { step: 'client well-known', tried: `GET ${url}` };
  steps.push(step);
  try {
    const response = await httpsGet(url, context, { maxRedirects: WELL_KNOWN_MAX_REDIRECTS, maxBytes: WELL_KNOWN_MAX_BYTES });
    if (response.status !== 200) throw new GetError(`status ${response.status} ${STATUS_CODES[response.status] ?? ''}`.trimEnd());
    const baseUrl = readBaseUrl(response.body);
    step.found = `base_url ${baseUrl}`;
    return baseUrl;
  } catch (error) {
    step.error = (error as Error).message;
    return undefined;
  }
}

export async function discoverClient(name: ServerName, context: HttpsContext): Promise<ClientDiscovery> {
  const steps: DiscoveryStep[] = [];
  let baseUrl = await wellKnownBaseUrl(name, context, steps);
  if (baseUrl === undefined) {
    baseUrl = `https://${joinHostPort(name.host, name.port)}`;
    steps.push({ step: 'client fallback', tried: 'no usable client well-known', found: `trying the server name itself: ${baseUrl}` });
  }
  const url = `${baseUrl}/_matrix/client/versions`;
  const step: DiscoveryStep = { step: 'client versions', tried: `GET ${url}` };
  steps.push(step);
  try {
    const response = await httpsGet(url, context);
    if (response.status !== 200) throw new GetError(`status ${response.status} ${STATUS_CODES[response.status] ?? ''}`.trimEnd());
    step.found = readVersions(response.body);
    return { baseUrl, verified: true, steps };
  } catch (error) {
    step.error = (error as Error).message;
    return { baseUrl, verified: false, steps };
  }
}
