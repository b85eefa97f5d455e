// The dns type in the engine: one query through node:dns's Resolver (the monitor's dnsServer, else
// --dns-server, else the system's resolvers), the answer compared with what is expected, and a rule that
// notices when the answer changes.
//
// Verdicts: NXDOMAIN, SERVFAIL, "no records of this type" and a missing expected value are answers we did not
// like (down, never explained away as "offline"); no answer in time is a timeout. A changed answer that still
// meets the expectations is "warning" for that check and one 'answer-changed' alert; the new answer is then the
// one compared with. A changed answer that misses an expected value is simply down.
import { promises as dnsPromises } from 'node:dns';
import type { CaaRecord, MxRecord, SrvRecord } from 'node:dns';
import { formatSrvValue, type DnsMonitor, type DnsRecordType } from '../../shared/monitor-types/dns.ts';
import type { CheckResult, FailureKind } from '../../shared/types.ts';
import type { ProbeOptions } from '../checks/probe-options.ts';
import { parseDnsServer } from '../checks/resolver.ts';
import { re2Literal, promDuration } from '../export/prometheus/promql.ts';
import type { MonitorTypeDescriptor } from './monitor-type-descriptor.ts';

/** Each record as one line, as `expect` is written: "10 mail.example.org" (MX), "10 5 8448 host" (SRV). */
async function queryRecords(resolver: dnsPromises.Resolver, name: string, type: DnsRecordType): Promise<string[]> {
  switch (type) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return resolver.resolveCname(name);
    case 'NS':
      return resolver.resolveNs(name);
    case 'MX':
      return (await resolver.resolveMx(name)).map((mx: MxRecord) => `${mx.priority} ${mx.exchange}`);
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
    case 'SRV':
      return (await resolver.resolveSrv(name)).map((srv: SrvRecord) => formatSrvValue({ ...srv, target: srv.name }));
    case 'CAA':
      return (await resolver.resolveCaa(name)).map((caa: CaaRecord) => {
        const [tag, value] = (Object.entries(caa) as Array<[string, unknown]>).find(([key]) => key !== 'critical') ?? ['', ''];
        return `${caa.critical} ${tag} ${String(value)}`;
      });
  }
}

/** Names compare without case or a final dot; TXT is compared as written. */
function comparable(value: string, type: DnsRecordType): string {
  const trimmed = value.trim().replace(/\s+/g, ' ');
  return type === 'TXT' ? trimmed : trimmed.toLowerCase().replace(/\.(?=\s|$)/g, '');
}

/** node:dns error codes in words, and what kind of failure each is. */
const DNS_ERRORS: Record<string, { failureKind: FailureKind; rcode?: string; words: (query: string, type: string) => string }> = {
  ENOTFOUND: { failureKind: 'status', rcode: 'NXDOMAIN', words: (query) => `NXDOMAIN: ${query} does not exist` },
  ENODATA: { failureKind: 'status', rcode: 'NOERROR', words: (query, type) => `${query} has no ${type} records` },
  ESERVFAIL: { failureKind: 'status', rcode: 'SERVFAIL', words: (query) => `SERVFAIL: the DNS server could not answer for ${query}` },
  EREFUSED: { failureKind: 'status', rcode: 'REFUSED', words: () => 'REFUSED: the DNS server refused the query' },
  ETIMEOUT: { failureKind: 'timeout', words: () => 'no answer from the DNS server in time' },
  ECONNREFUSED: { failureKind: 'refused', words: () => 'the DNS server refused the connection' },
  ECANCELLED: { failureKind: 'timeout', words: () => 'the query was cancelled' },
};

export async function checkDns(monitor: DnsMonitor, options: ProbeOptions = {}): Promise<CheckResult> {
  const now = options.now ?? Date.now;
  const result = (fields: Omit<CheckResult, 'monitorId' | 'at'>): CheckResult => ({ monitorId: monitor.id, at: now(), ...fields });
  const server = monitor.dnsServer ?? options.dnsServer;
  // One try within the monitor's timeout: retrying is the schedule's job, and the check must not outlive it.
  const resolver = new dnsPromises.Resolver({ timeout: Math.max(1, Math.round(monitor.timeoutSeconds * 1000)), tries: 1 });
  try {
    if (server !== undefined) resolver.setServers([parseDnsServer(server)]);
  } catch (error) {
    return result({ status: 'down', latencyMs: null, failureKind: 'config', message: error instanceof Error ? error.message : String(error) });
  }
  const cancel = (): void => resolver.cancel();
  options.signal?.addEventListener('abort', cancel, { once: true });
  const started = performance.now();
  const asked = `${monitor.recordType} ${monitor.query}`;
  try {
    const answer = (await queryRecords(resolver, monitor.query, monitor.recordType)).sort();
    const latencyMs = Math.round(performance.now() - started);
    const detail = { answer: answer.join(', '), rcode: 'NOERROR', ...(server !== undefined ? { server } : {}) };
    const have = new Set(answer.map((value) => comparable(value, monitor.recordType)));
    const want = new Set(monitor.expect.map((value) => comparable(value, monitor.recordType)));
    const missing = monitor.expect.filter((value) => !have.has(comparable(value, monitor.recordType)));
    const extra = monitor.expectExact ? answer.filter((value) => !want.has(comparable(value, monitor.recordType))) : [];
    if (missing.length > 0 || extra.length > 0) {
      const why = missing.length > 0 ? `expected ${missing.join(', ')}` : `unexpected ${extra.join(', ')}`;
      return result({ status: 'down', latencyMs, failureKind: 'keyword', message: `${asked}: ${why}; the answer is ${detail.answer || 'empty'}`, detail, timings: { totalMs: latencyMs } });
    }
    return result({ status: 'up', latencyMs, message: `${asked}: ${detail.answer} in ${latencyMs} ms`, detail, timings: { totalMs: latencyMs } });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const known = DNS_ERRORS[code];
    const latencyMs = known?.failureKind === 'timeout' ? null : Math.round(performance.now() - started);
    const message = `${asked}: ${known ? known.words(monitor.query, monitor.recordType) : `DNS query failed (${code || String(error)})`}`;
    return result({
      status: 'down',
      latencyMs,
      failureKind: known?.failureKind ?? 'dns',
      message,
      ...(known?.rcode !== undefined ? { detail: { rcode: known.rcode, ...(server !== undefined ? { server } : {}) } } : {}),
    });
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
}

export const dnsDescriptor: MonitorTypeDescriptor<DnsMonitor> = {
  check: checkDns,
  rule(monitor, prev, result) {
    const previous = typeof prev.lastUpDetail?.answer === 'string' ? prev.lastUpDetail.answer : undefined;
    const answer = result.status === 'down' ? undefined : result.detail?.answer;
    // A failing answer never becomes the baseline, or the good one coming back would look like a change.
    if (answer === undefined) return { result, next: {}, alerts: [] };
    const next = { lastUpDetail: { answer } };
    if (previous === undefined || previous === answer) return { result, next, alerts: [] };
    const change = `${previous || 'empty'} -> ${answer || 'empty'}`;
    return {
      result: { ...result, status: 'warning', message: `${monitor.recordType} ${monitor.query}: answer changed (${change})` },
      next,
      alerts: [{ monitorId: monitor.id, kind: 'answer-changed', at: result.at, message: `${monitor.name}: answer changed (${change})` }],
    };
  },
  prometheus: {
    probe(monitor) {
      if (monitor.dnsServer === undefined) {
        return { unsupported: "blackbox_exporter's dns prober asks one named server: give the monitor a dnsServer to export it" };
      }
      const dns: Record<string, unknown> = { query_name: monitor.query, query_type: monitor.recordType, valid_rcodes: ['NOERROR'] };
      // Blackbox matches each answer record's zone-file line, and fail_if_none_matches_regexp passes when any record
      // matches any of the patterns: with one expected value that is Picket's check; with several it asks less.
      if (monitor.expect.length > 0) dns.validate_answer_rrs = { fail_if_none_matches_regexp: monitor.expect.map((value) => `${re2Literal(value)}\\.?$`) };
      const about = { monitor: { id: monitor.id, name: monitor.name }, file: 'blackbox.yml' as const };
      const notes = [
        ...(monitor.expect.length > 1
          ? [{ ...about, what: 'expect (every value present)', reason: 'blackbox_exporter passes when any one of the expected values is in the answer' }]
          : []),
        ...(monitor.expectExact ? [{ ...about, what: 'expectExact (nothing but the expected values)', reason: 'blackbox_exporter can require values, not forbid every other one' }] : []),
      ];
      return { kind: 'dns', module: { prober: 'dns', timeout: promDuration(monitor.timeoutSeconds), dns }, target: monitor.dnsServer, notes };
    },
    notes: (monitor) => [
      {
        monitor: { id: monitor.id, name: monitor.name },
        file: 'rules.yml',
        what: 'PicketAnswerChanged (the answer differs from the last one)',
        reason: 'blackbox_exporter does not expose the answer, so no rule can compare it with the one seen before',
      },
    ],
  },
};
