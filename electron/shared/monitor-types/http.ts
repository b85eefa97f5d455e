// The http monitor type: a request, and an answer with the expected status (and keyword, and speed).
import { Type, type Static } from '@sinclair/typebox';
import type { ConfigIssue } from '../config-issue.ts';
import { DEFAULT_EXPECTED_STATUS, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_REDIRECTS } from '../defaults.ts';
import { checkPortOf, checkUrl } from './field-checks.ts';
import type { MonitorTypeSpec } from './monitor-type-spec.ts';
import { HOST_PORT_PATTERN, monitorSchemaOf, StringEnum, StringMap, tlsOptionsSchema, type CommonDefaulted, type Resolved } from './schema-kit.ts';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

const httpAuthSchema = Type.Union([
  Type.Object(
    { type: Type.Literal('basic'), username: Type.String(), password: Type.String() },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('bearer'), token: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
]);
export type HttpAuth = Static<typeof httpAuthSchema>;

export const httpSchema = monitorSchemaOf('http', {
  url: Type.String({ minLength: 1, description: 'http:// or https:// URL to request.' }),
  method: Type.Optional(StringEnum(HTTP_METHODS, { default: 'GET' })),
  headers: Type.Optional(StringMap()),
  body: Type.Optional(Type.String({ description: 'Sent with method POST only.' })),
  auth: Type.Optional(httpAuthSchema),
  expectedStatus: Type.Optional(
    Type.Array(
      Type.Union([Type.Integer({ minimum: 100, maximum: 599 }), Type.String({ pattern: '^[1-5][0-9]{2}(-[1-5][0-9]{2})?$' })]),
      { minItems: 1, default: DEFAULT_EXPECTED_STATUS, description: 'Numbers and "200-299" style ranges.' },
    ),
  ),
  keyword: Type.Optional(Type.String({ minLength: 1 })),
  keywordCaseInsensitive: Type.Optional(Type.Boolean({ default: false })),
  keywordInvert: Type.Optional(Type.Boolean({ default: false, description: 'The check fails when the body DOES contain the keyword.' })),
  maxRedirects: Type.Optional(Type.Integer({ minimum: 0, maximum: 20, default: DEFAULT_MAX_REDIRECTS })),
  cacheBust: Type.Optional(Type.Boolean({ default: false, description: 'Send Cache-Control: no-cache.' })),
  maxBodyBytes: Type.Optional(Type.Integer({ minimum: 1024, maximum: 67_108_864, default: DEFAULT_MAX_BODY_BYTES })),
  slowResponseMs: Type.Optional(Type.Integer({ minimum: 1, description: 'A correct answer slower than this is "warning".' })),
  connectTo: Type.Optional(
    Type.String({
      pattern: HOST_PORT_PATTERN,
      description: 'Connect to "address:port" instead of the URL\'s host; the URL\'s host stays the Host header and TLS name.',
    }),
  ),
  tls: Type.Optional(tlsOptionsSchema),
});

export type HttpMonitorConfig = Static<typeof httpSchema>;
export type HttpMonitor = Resolved<
  HttpMonitorConfig,
  CommonDefaulted | 'method' | 'headers' | 'expectedStatus' | 'keywordCaseInsensitive' | 'keywordInvert' | 'maxRedirects' | 'cacheBust' | 'maxBodyBytes' | 'tls'
>;

/** "200-299" whose end comes before its start: the pattern cannot say it. */
function checkStatusRange(value: number | string, path: string): ConfigIssue | undefined {
  if (typeof value !== 'string' || !value.includes('-')) return undefined;
  const [low, high] = value.split('-').map(Number);
  if (low !== undefined && high !== undefined && low > high) {
    return { path, message: `range "${value}" ends before it starts` };
  }
  return undefined;
}

export const httpSpec: MonitorTypeSpec<HttpMonitorConfig, HttpMonitor> = {
  type: 'http',
  schema: httpSchema,
  label: 'HTTP',
  defaultFailureThreshold: 2,
  managedByGroup: false,
  issues(input, at) {
    const issues: Array<ConfigIssue | undefined> = [checkUrl(input.url, at('url'))];
    (input.expectedStatus ?? []).forEach((status, i) => issues.push(checkStatusRange(status, `${at('expectedStatus')}[${i}]`)));
    if (input.body !== undefined && input.method !== 'POST') issues.push({ path: at('body'), message: 'is only sent with method "POST"' });
    if (input.connectTo !== undefined) issues.push(checkPortOf(input.connectTo, at('connectTo')));
    return issues.filter((issue) => issue !== undefined);
  },
  normalise(input, common) {
    return {
      ...common,
      type: 'http',
      url: input.url,
      method: input.method ?? 'GET',
      headers: { ...(input.headers ?? {}) },
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(input.auth !== undefined ? { auth: { ...input.auth } } : {}),
      expectedStatus: [...(input.expectedStatus ?? DEFAULT_EXPECTED_STATUS)],
      ...(input.keyword !== undefined ? { keyword: input.keyword } : {}),
      keywordCaseInsensitive: input.keywordCaseInsensitive ?? false,
      keywordInvert: input.keywordInvert ?? false,
      maxRedirects: input.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
      cacheBust: input.cacheBust ?? false,
      maxBodyBytes: input.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      ...(input.slowResponseMs !== undefined ? { slowResponseMs: input.slowResponseMs } : {}),
      ...(input.connectTo !== undefined ? { connectTo: input.connectTo } : {}),
      tls: { ...(input.tls ?? {}) },
    };
  },
  target: (monitor) => monitor.url,
  targetNote: () => undefined,
  alertHost(monitor) {
    try {
      return new URL(monitor.url).hostname;
    } catch {
      return monitor.url;
    }
  },
  form: {
    editor: 'http',
    offer: { label: 'HTTP(S)', hint: 'a web page or API answers as expected' },
    shownFields: [
      'url', 'method', 'headers', 'body', 'auth', 'auth.username', 'auth.password', 'auth.token', 'expectedStatus', 'keyword',
      'keywordCaseInsensitive', 'keywordInvert', 'maxRedirects', 'cacheBust', 'slowResponseMs', 'tls.caFile', 'tls.serverName', 'tls.ignoreErrors',
    ],
  },
};
