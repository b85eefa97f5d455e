// The dns monitor type against the project's loopback DNS server: every record type, the verdicts told apart
// (NXDOMAIN, SERVFAIL, no records, timeout, an expectation missed) and a changed answer as a warning plus one
// alert. dnsServer always names the loopback server: the network guard fails any query beyond it.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { parseMonitor, validateMonitor } from '../../../electron/shared/config-validation.ts';
import type { DnsMonitor } from '../../../electron/shared/monitor-types/dns.ts';
import { checkDns } from '../../../electron/core/monitor-types/dns.ts';
import { exportPrometheus } from '../../../electron/core/export/prometheus/export-prometheus.ts';
import { applyResult, initialRuleState } from '../../../electron/core/rules/monitor-rules.ts';
import { runCheck } from '../../../electron/core/checks/run-check.ts';
import { startDnsServer, type DnsServer } from '../../fixtures/dns-server.ts';

let server: DnsServer;
let silent: DnsServer;

beforeAll(async () => {
  server = await startDnsServer({
    'example.test': {
      A: ['192.0.2.10', '192.0.2.11'],
      AAAA: ['2001:db8::10'],
      MX: [{ priority: 10, exchange: 'mail.example.test' }],
      TXT: [['v=spf1 ', '-all'], ['hello']],
      NS: ['ns1.example.test'],
      CAA: [{ critical: 0, tag: 'issue', value: 'letsencrypt.org' }],
    },
    'www.example.test': { CNAME: ['example.test'] },
    '_matrix-fed._tcp.example.test': { SRV: [{ priority: 10, weight: 5, port: 8448, target: 'matrix.example.test' }] },
    'broken.example.test': { servfail: true },
  });
  silent = await startDnsServer({}, { silent: true });
});

afterAll(async () => {
  await server.close();
  await silent.close();
});

function dnsMonitor(fields: Record<string, unknown>, dnsServer = server.address): DnsMonitor {
  return parseMonitor({ id: 'dns', type: 'dns', timeoutSeconds: 2, dnsServer, ...fields }) as DnsMonitor;
}

describe('dns monitor: the check', () => {
  it.each([
    ['A', 'example.test', '192.0.2.10, 192.0.2.11'],
    ['AAAA', 'example.test', '2001:db8::10'],
    ['CNAME', 'www.example.test', 'example.test'],
    ['MX', 'example.test', '10 mail.example.test'],
    ['TXT', 'example.test', 'hello, v=spf1 -all'],
    ['NS', 'example.test', 'ns1.example.test'],
    ['SRV', '_matrix-fed._tcp.example.test', '10 5 8448 matrix.example.test'],
    ['CAA', 'example.test', '0 issue letsencrypt.org'],
  ])('reports the %s answer of %s', async (recordType, query, answer) => {
    const result = await checkDns(dnsMonitor({ query, recordType }));
    expect(result).toMatchObject({ status: 'up', detail: { answer, rcode: 'NOERROR' } });
    expect(result.failureKind).toBeUndefined();
    expect(result.message).toContain(`${recordType} ${query}: ${answer}`);
  });

  it('is up when every expected value is there, written as the answer prints it (names without case or final dot)', async () => {
    expect((await checkDns(dnsMonitor({ query: 'example.test', recordType: 'MX', expect: ['10 MAIL.example.test.'] }))).status).toBe('up');
    expect((await checkDns(dnsMonitor({ query: 'example.test', expect: ['192.0.2.11'] }))).status).toBe('up');
  });

  it('is down, naming what is missing, when an expected value is not in the answer; expectExact refuses extra values', async () => {
    const missing = await checkDns(dnsMonitor({ query: 'example.test', expect: ['192.0.2.99'] }));
    expect(missing).toMatchObject({ status: 'down', failureKind: 'keyword' });
    expect(missing.message).toBe('A example.test: expected 192.0.2.99; the answer is 192.0.2.10, 192.0.2.11');
    const extra = await checkDns(dnsMonitor({ query: 'example.test', expect: ['192.0.2.10'], expectExact: true }));
    expect(extra).toMatchObject({ status: 'down', message: 'A example.test: unexpected 192.0.2.11; the answer is 192.0.2.10, 192.0.2.11' });
  });

  it('tells NXDOMAIN, SERVFAIL, no records of the type and a timeout apart', async () => {
    const nxdomain = await checkDns(dnsMonitor({ query: 'missing.example.test' }));
    expect(nxdomain).toMatchObject({ status: 'down', failureKind: 'status', message: 'A missing.example.test: NXDOMAIN: missing.example.test does not exist', detail: { rcode: 'NXDOMAIN' } });
    const servfail = await checkDns(dnsMonitor({ query: 'broken.example.test' }));
    expect(servfail).toMatchObject({ status: 'down', failureKind: 'status', detail: { rcode: 'SERVFAIL' } });
    expect(servfail.message).toContain('SERVFAIL');
    const nodata = await checkDns(dnsMonitor({ query: 'www.example.test', recordType: 'A' }));
    expect(nodata).toMatchObject({ status: 'down', failureKind: 'status', message: 'A www.example.test: www.example.test has no A records' });
    const timeout = await checkDns(dnsMonitor({ query: 'example.test', timeoutSeconds: 0.3 }, silent.address));
    expect(timeout).toMatchObject({ status: 'down', failureKind: 'timeout', latencyMs: null, message: 'A example.test: no answer from the DNS server in time' });
  });

  it('asks --dns-server (ProbeOptions.dnsServer) when the monitor names none', async () => {
    const monitor = parseMonitor({ id: 'dns', type: 'dns', query: 'example.test', timeoutSeconds: 2 }) as DnsMonitor;
    const result = await runCheck(monitor, { dnsServer: server.address });
    expect(result).toMatchObject({ status: 'up', detail: { server: server.address } });
  });
});

describe('dns monitor: a changed answer', () => {
  it('is a warning and one answer-changed alert, then the new answer is the baseline', async () => {
    const changing = await startDnsServer({ 'moving.example.test': { A: ['192.0.2.1'] } });
    onTestFinished(() => changing.close());
    const monitor = dnsMonitor({ query: 'moving.example.test' }, changing.address);
    let state = initialRuleState(monitor);
    const first = applyResult(monitor, state, await checkDns(monitor));
    state = first.next;
    expect(first.alerts).toEqual([]);
    expect(state.state).toBe('up');

    changing.setRecords('moving.example.test', { A: ['192.0.2.2'] });
    const changed = applyResult(monitor, state, await checkDns(monitor));
    state = changed.next;
    expect(state.state).toBe('warning');
    expect(changed.result).toMatchObject({ status: 'warning', message: 'A moving.example.test: answer changed (192.0.2.1 -> 192.0.2.2)' });
    expect(changed.alerts).toEqual([expect.objectContaining({ kind: 'answer-changed', message: 'dns: answer changed (192.0.2.1 -> 192.0.2.2)' })]);

    const again = applyResult(monitor, state, await checkDns(monitor));
    expect(again.alerts).toEqual([]);
    expect(again.next.state).toBe('up');
  });

  it('a failing answer is not the baseline: the same answer coming back is no change', async () => {
    const flapping = await startDnsServer({ 'flap.example.test': { A: ['192.0.2.1'] } });
    onTestFinished(() => flapping.close());
    const monitor = dnsMonitor({ query: 'flap.example.test', failureThreshold: 1 }, flapping.address);
    let state = applyResult(monitor, initialRuleState(monitor), await checkDns(monitor)).next;
    flapping.setRecords('flap.example.test', undefined);
    state = applyResult(monitor, state, await checkDns(monitor)).next;
    expect(state.state).toBe('down');
    flapping.setRecords('flap.example.test', { A: ['192.0.2.1'] });
    const back = applyResult(monitor, state, await checkDns(monitor));
    expect(back.alerts.map((alert) => alert.kind)).toEqual(['recovered']);
  });
});

describe('dns monitor: config', () => {
  const issues = (fields: Record<string, unknown>) => {
    const result = validateMonitor({ id: 'dns', type: 'dns', ...fields }, 'monitors[0]');
    return result.ok ? [] : result.issues;
  };

  it('fills the defaults in: an A query, nothing expected, the system resolvers', () => {
    expect(parseMonitor({ id: 'dns', type: 'dns', query: 'example.org.' })).toMatchObject({
      query: 'example.org',
      recordType: 'A',
      expect: [],
      expectExact: false,
      failureThreshold: 2,
    });
  });

  it('says what is wrong in words', () => {
    expect(issues({})).toEqual([{ path: 'monitors[0].query', message: 'is required for a dns monitor' }]);
    expect(issues({ query: 'https://example.org/' })).toEqual([{ path: 'monitors[0].query', message: 'must be a DNS name like "example.org", not a URL' }]);
    expect(issues({ query: 'example.org', recordType: 'PTR' })[0]).toMatchObject({ path: 'monitors[0].recordType', message: expect.stringMatching(/^must be one of "A", "AAAA"/) as string });
    expect(issues({ query: 'example.org', dnsServer: 'dns.example.org' })[0]).toMatchObject({ path: 'monitors[0].dnsServer' });
    expect(issues({ query: 'example.org', expectExact: true })).toEqual([{ path: 'monitors[0].expectExact', message: 'needs the values in "expect" to compare with' }]);
    expect(issues({ query: 'example.org', url: 'https://example.org/' })).toEqual([{ path: 'monitors[0].url', message: 'is not a field of a dns monitor' }]);
  });

  it('exports as a blackbox_exporter dns probe when it names its server', () => {
    const exported = exportPrometheus([dnsMonitor({ query: 'example.test', expect: ['192.0.2.10'] }, '192.0.2.53:53')]);
    expect(exported.exported).toBe(1);
    expect(exported.files['blackbox.yml']).toContain('prober: dns');
    expect(exported.files['blackbox.yml']).toContain('query_name: example.test');
    expect(exported.files['prometheus.yml']).toContain('192.0.2.53:53');
    expect(exported.notes).toEqual([expect.objectContaining({ what: expect.stringContaining('PicketAnswerChanged') })]);
  });

  it('says where blackbox_exporter asks less than Picket: several expected values, or nothing but them', () => {
    const exported = exportPrometheus([dnsMonitor({ query: 'example.test', expect: ['192.0.2.10', '192.0.2.11'], expectExact: true }, '192.0.2.53:53')]);
    expect(exported.notes.map((note) => note.what)).toEqual(
      expect.arrayContaining(['expect (every value present)', 'expectExact (nothing but the expected values)']),
    );
  });
});
