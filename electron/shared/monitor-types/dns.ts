// The dns monitor type: a name resolves, to the records expected. Mail and Matrix delegation break at the DNS
// layer first, and a changed answer is worth knowing about before anything fails.
import { Type, type Static } from '@sinclair/typebox';
import type { ConfigIssue } from '../config-issue.ts';
import type { MonitorTypeSpec } from './monitor-type-spec.ts';
import { monitorSchemaOf, StringEnum, type CommonDefaulted, type Resolved } from './schema-kit.ts';

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'NS', 'CAA'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

export const dnsSchema = monitorSchemaOf('dns', {
  query: Type.String({ minLength: 1, maxLength: 253, description: 'The name to resolve (example.org, _matrix-fed._tcp.example.org).' }),
  recordType: Type.Optional(StringEnum(DNS_RECORD_TYPES, { default: 'A' })),
  expect: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), {
      description:
        'Values that must be in the answer, written as `picket check` prints them: "192.0.2.1", "10 mail.example.org" (MX), "10 5 8448 matrix.example.org" (SRV: priority weight port target), "0 issue letsencrypt.org" (CAA).',
    }),
  ),
  expectExact: Type.Optional(Type.Boolean({ default: false, description: 'The answer must be exactly the expected values, nothing more.' })),
  dnsServer: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'Ask this server ("address[:port]") instead of the system resolvers.' }),
  ),
});

export type DnsMonitorConfig = Static<typeof dnsSchema>;
export type DnsMonitor = Resolved<DnsMonitorConfig, CommonDefaulted | 'recordType' | 'expect' | 'expectExact'>;

/** One SRV record as the dns type writes it, in answers and in `expect`. */
export interface SrvValue {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

/** "10 5 8448 matrix.example.org": priority, weight, port, target (no final dot). */
export function formatSrvValue(record: SrvValue): string {
  return `${record.priority} ${record.weight} ${record.port} ${record.target.replace(/\.$/, '')}`;
}

/** The reverse of formatSrvValue; undefined for a value in another shape. */
export function parseSrvValue(value: string): SrvValue | undefined {
  const match = /^(\d+) (\d+) (\d+) (\S+)$/.exec(value.trim().replace(/\s+/g, ' '));
  if (!match) return undefined;
  return { priority: Number(match[1]), weight: Number(match[2]), port: Number(match[3]), target: match[4]!.toLowerCase().replace(/\.$/, '') };
}

/** "192.0.2.1", "1.2.3.4:5353", "[2001:db8::1]:53", "::1": an address, no name (a resolver's name needs a resolver). */
function checkDnsServer(value: string, path: string): ConfigIssue | undefined {
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::(\d{1,5}))?$/.exec(value);
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/.exec(value);
  const bareV6 = /^[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$/.test(value) && value.split(':').length > 2;
  const port = bracketed?.[2] ?? v4?.[2];
  if (!bracketed && !v4 && !bareV6) return { path, message: `must be an IP address with an optional port ("192.0.2.53" or "192.0.2.53:5353"), got "${value}"` };
  if (v4 && v4[1]!.split('.').some((part) => Number(part) > 255)) return { path, message: `"${value}" is not an IPv4 address` };
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return { path, message: `port must be between 1 and 65535 (got "${value}")` };
  return undefined;
}

export const dnsSpec: MonitorTypeSpec<DnsMonitorConfig, DnsMonitor> = {
  type: 'dns',
  schema: dnsSchema,
  label: 'DNS',
  // One lost UDP answer is not an outage.
  defaultFailureThreshold: 2,
  managedByGroup: false,
  issues(input, at) {
    const issues: Array<ConfigIssue | undefined> = [];
    if (/[\s/:@]/.test(input.query)) issues.push({ path: at('query'), message: 'must be a DNS name like "example.org", not a URL' });
    if (input.dnsServer !== undefined) issues.push(checkDnsServer(input.dnsServer, at('dnsServer')));
    if (input.expectExact === true && (input.expect ?? []).length === 0) {
      issues.push({ path: at('expectExact'), message: 'needs the values in "expect" to compare with' });
    }
    return issues.filter((issue) => issue !== undefined);
  },
  normalise: (input, common) => ({
    ...common,
    type: 'dns',
    query: input.query.replace(/\.$/, ''),
    recordType: input.recordType ?? 'A',
    expect: [...(input.expect ?? [])],
    expectExact: input.expectExact ?? false,
    ...(input.dnsServer !== undefined ? { dnsServer: input.dnsServer } : {}),
  }),
  target: (monitor) => `${monitor.recordType} ${monitor.query}`,
  targetNote: (monitor) => (monitor.dnsServer === undefined ? undefined : `@${monitor.dnsServer}`),
  alertHost: (monitor) => monitor.query,
  form: {
    editor: 'fields',
    offer: { label: 'DNS record', hint: 'a name resolves to the records you expect' },
    fields: [
      { name: 'query', label: 'Name to resolve', kind: 'text', required: true, placeholder: 'example.org', hint: 'The name to resolve, not a URL.' },
      { name: 'recordType', label: 'Record type', kind: 'select', options: DNS_RECORD_TYPES, hint: 'Default: A' },
      {
        name: 'expect',
        label: 'Expected values',
        kind: 'list',
        placeholder: '192.0.2.10',
        hint: 'Separated by commas. MX: "10 mail.example.org"; SRV: "10 5 8448 matrix.example.org". Empty: any answer is up.',
      },
      { name: 'expectExact', label: 'Nothing but these', kind: 'checkbox', hint: 'Down when the answer holds values beyond the expected ones.' },
      { name: 'dnsServer', label: 'DNS server', kind: 'text', placeholder: '192.0.2.53', hint: 'Default: the system resolvers (or picket --dns-server).' },
    ],
  },
};
