// What the two Matrix monitor types share: the federation endpoint server discovery resolved (Server-Server
// API, "Resolving server names"): connect to host:port, send hostHeader as Host, expect a certificate for
// tlsServerName. Each type's own module adds its name and words.
import { Type, type Static } from '@sinclair/typebox';
import type { ConfigIssue, FieldPath } from '../config-issue.ts';
import type { MonitorTypeSpec } from './monitor-type-spec.ts';
import { hostPort, monitorSchemaOf, port, tlsOptionsSchema, type CommonDefaulted, type Resolved } from './schema-kit.ts';

export function matrixSchemaOf<T extends string>(type: T) {
  return monitorSchemaOf(type, {
    serverName: Type.String({ minLength: 1, maxLength: 255, description: 'Matrix: the server name (example.org), as in @user:example.org.' }),
    host: Type.String({ minLength: 1, maxLength: 253 }),
    port: port(),
    hostHeader: Type.Optional(
      Type.String({ minLength: 1, maxLength: 261, description: 'Matrix: the Host header discovery says to send (defaults to serverName).' }),
    ),
    tlsServerName: Type.Optional(
      Type.String({ minLength: 1, maxLength: 253, description: 'Matrix: the name the federation certificate must carry (defaults to serverName).' }),
    ),
    tls: Type.Optional(tlsOptionsSchema),
  });
}

type MatrixSchema<T extends string> = ReturnType<typeof matrixSchemaOf<T>>;
export type MatrixMonitorConfigOf<T extends string> = Static<MatrixSchema<T>>;
export type MatrixMonitorOf<T extends string> = Resolved<MatrixMonitorConfigOf<T>, CommonDefaulted | 'hostHeader' | 'tlsServerName' | 'tls'>;

/** A Matrix server name or Host header: a DNS name, IPv4 or [IPv6], with an optional port (spec appendix "Server Name"). */
function checkMatrixHost(value: string | undefined, path: string, allowPort: boolean): ConfigIssue | undefined {
  if (value === undefined) return undefined;
  // A certificate name for an IPv6 literal is written bare, as discovery reports it.
  if (!allowPort && /^[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*$/.test(value)) return undefined;
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value);
  const what = allowPort ? 'a host name or IP address with an optional ":port"' : 'a host name (no port)';
  if (!match || (!allowPort && match[2] !== undefined)) return { path, message: `must be ${what}, got "${value}"` };
  if (match[2] !== undefined && (Number(match[2]) < 1 || Number(match[2]) > 65_535)) {
    return { path, message: `port must be between 1 and 65535 (got "${value}")` };
  }
  return undefined;
}

/** The endpoint names discovery found, and only tls.caFile (federation needs a valid certificate). */
function matrixIssues(input: MatrixMonitorConfigOf<string>, at: FieldPath): ConfigIssue[] {
  const issues: Array<ConfigIssue | undefined> = [
    checkMatrixHost(input.serverName, at('serverName'), true),
    checkMatrixHost(input.hostHeader, at('hostHeader'), true),
    checkMatrixHost(input.tlsServerName, at('tlsServerName'), false),
  ];
  if (input.tls?.serverName !== undefined) issues.push({ path: at('tls.serverName'), message: 'use tlsServerName for a Matrix monitor' });
  if (input.tls?.ignoreErrors !== undefined) {
    issues.push({ path: at('tls.ignoreErrors'), message: 'is not allowed: federation requires a valid certificate (use tls.caFile for a private CA)' });
  }
  if (/[\s/]/.test(input.host)) issues.push({ path: at('host'), message: 'must be a host name or IP address, not a URL' });
  return issues.filter((issue) => issue !== undefined);
}

/** "example.org:8448" -> "example.org", "[::1]:8448" -> "::1": the name a certificate carries. */
function hostOfServerName(serverName: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(serverName);
  if (bracketed) return bracketed[1] as string;
  const colon = serverName.lastIndexOf(':');
  return colon === -1 ? serverName : serverName.slice(0, colon);
}

/** The spec of a Matrix type: everything but its type, label and default threshold is shared. */
export function matrixSpecOf<T extends string>(
  type: T,
  schema: MatrixSchema<T>,
  label: string,
  defaultFailureThreshold: number,
): MonitorTypeSpec<MatrixMonitorConfigOf<T>, MatrixMonitorOf<T>> {
  return {
    type,
    schema,
    label,
    defaultFailureThreshold,
    managedByGroup: true,
    issues: matrixIssues,
    normalise: (input, common) => ({
      ...common,
      type: input.type,
      serverName: input.serverName,
      host: input.host,
      port: input.port,
      // Without delegation the spec sends the server name as Host and expects it on the certificate.
      hostHeader: input.hostHeader ?? input.serverName,
      tlsServerName: input.tlsServerName ?? hostOfServerName(input.serverName),
      tls: { ...(input.tls ?? {}) },
    }) as MatrixMonitorOf<T>,
    target: (monitor) => hostPort(monitor.host, monitor.port),
    // With delegation the address and the name it answers for differ: what a user debugging federation needs.
    targetNote: (monitor) => `Host: ${monitor.hostHeader}`,
    alertHost: (monitor) => monitor.host,
    form: { editor: 'managed' },
  };
}
