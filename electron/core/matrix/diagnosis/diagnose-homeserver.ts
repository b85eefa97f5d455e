// Reads the homeserver group's states together and names the likely cause and what to do: one message for the
// group instead of one per monitor. Pure. The rules are tried in order, most fundamental first, because one
// fault shows in several monitors (an expired certificate also fails the client and federation checks).
import { untrustedCertificateWords } from '../../../shared/certificate-words.ts';
import { formatDays } from '../../../shared/format-duration.ts';
import type { CheckResult } from '../../../shared/types.ts';
import { wordList } from '../../../shared/word-list.ts';
import type { DiscoveredHomeserver } from '../group/discovered.ts';
import { MONITOR_ROLES } from '../group/roles.ts';
import { delegationRecordChange, recordChanged } from './delegation-record.ts';
import type { Diagnosis, DiagnosisRole, HomeserverStates } from './types.ts';

const ROLE_LABEL: Record<DiagnosisRole, string> = {
  client: 'client API',
  federation: 'federation API',
  federationTcp: 'federation port',
  clientCert: 'client certificate',
  federationCert: 'federation certificate',
  keys: 'signing keys',
  delegationRecord: 'delegation record',
  discovery: 'server discovery',
};

const ALL_ROLES: readonly DiagnosisRole[] = [...MONITOR_ROLES, 'discovery'];

/** Read access to the states plus the names the wording needs. */
class View {
  readonly server: string;
  readonly federationAt: string;
  readonly federationPort: string;
  readonly clientHost: string;

  constructor(
    private readonly states: HomeserverStates,
    readonly discovery: DiscoveredHomeserver | undefined,
  ) {
    this.server = discovery?.serverName ?? 'the homeserver';
    this.federationAt = discovery ? `${discovery.federation.host}:${discovery.federation.port}` : 'the federation endpoint';
    this.federationPort = discovery ? `port ${discovery.federation.port}` : 'the federation port';
    this.clientHost = clientHostOf(discovery) ?? 'the client host';
  }

  down(role: DiagnosisRole): boolean {
    return this.states[role]?.state === 'down';
  }
  /** Answering: up, or up but slow / a certificate nearing expiry. */
  up(role: DiagnosisRole): boolean {
    const state = this.states[role]?.state;
    return state === 'up' || state === 'warning';
  }
  warning(role: DiagnosisRole): boolean {
    return this.states[role]?.state === 'warning';
  }
  present(role: DiagnosisRole): boolean {
    return this.states[role] !== undefined;
  }
  result(role: DiagnosisRole): CheckResult | undefined {
    return this.states[role]?.lastResult;
  }
  kind(role: DiagnosisRole): CheckResult['failureKind'] {
    return this.result(role)?.failureKind;
  }
  previousDetail(role: DiagnosisRole): Record<string, string> | undefined {
    return this.states[role]?.previousDetail;
  }
  message(role: DiagnosisRole): string {
    return this.result(role)?.message ?? ROLE_LABEL[role];
  }
  /** The host names DNS must answer for, each once: a delegation often points at the server name itself. */
  dnsNames(): string[] {
    if (!this.discovery) return [this.server];
    const serverHost = this.server.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    return [...new Set([serverHost, this.clientHost, this.discovery.federation.host])];
  }
  roles(predicate: (role: DiagnosisRole) => boolean): DiagnosisRole[] {
    return ALL_ROLES.filter((role) => this.present(role) && predicate(role));
  }
}

function clientHostOf(discovery: DiscoveredHomeserver | undefined): string | undefined {
  if (!discovery) return undefined;
  try {
    return new URL(discovery.client.baseUrl).hostname;
  } catch {
    return undefined;
  }
}

type Rule = (v: View) => Diagnosis | undefined;

const CERT_ROLES: readonly DiagnosisRole[] = ['clientCert', 'federationCert'];

/** The name a certificate role's certificate must carry. */
function certificateName(v: View, role: DiagnosisRole): string {
  return role === 'federationCert' ? (v.discovery?.federation.tlsServerName ?? 'the federation name') : v.clientHost;
}

const rules: readonly Rule[] = [
  // DNS first: a name that does not resolve makes every check that uses it fail.
  (v) => {
    // The delegation record's DNS server not answering (timeout, SERVFAIL) is DNS trouble too, not a changed record.
    const roles = v.roles((r) => v.down(r) && (v.kind(r) === 'dns' || (r === 'delegationRecord' && !recordChanged(v.result(r)))));
    if (roles.length === 0) return undefined;
    return {
      case: 'dns',
      cause: `DNS misconfigured: names of ${v.server} do not resolve (${roles.map((r) => ROLE_LABEL[r]).join(', ')})`,
      advice: `Check the A/AAAA records (and the _matrix-fed._tcp SRV record, if any) of ${wordList(v.dnsNames())} at your DNS provider; changes take their TTL to reach everyone.`,
      severity: 'down',
      roles,
    };
  },
  // A bad certificate also fails the client and federation checks (as TLS errors): name it before "everything is down".
  (v) => {
    const certRoles = CERT_ROLES.filter((r) => v.down(r) && v.kind(r) === 'certificate');
    const tlsEverywhere = v.down('client') && v.kind('client') === 'tls' && v.down('federation') && v.kind('federation') === 'tls';
    if (certRoles.length === 0 && !tlsEverywhere) return undefined;
    const role = certRoles[0];
    const certificate = role ? v.result(role)?.certificate : undefined;
    const name = role ? certificateName(v, role) : v.server;
    let cause = `Certificate problem: ${role ? v.message(role) : v.message('client')}`;
    let advice = `Renew or fix the certificate for ${name}; check ACME/Let's Encrypt renewal and that the proxy reloaded it. Until then clients disconnect and other servers refuse federation.`;
    if (certificate && certificate.daysLeft < 0) {
      cause = `Certificate for ${name} expired ${formatDays(-certificate.daysLeft)} ago`;
    } else if (certificate && !certificate.nameMatches) {
      cause = `Certificate on ${role === 'federationCert' ? v.federationAt : v.clientHost} is not valid for ${name}`;
      advice = `Serve a certificate that carries ${name} there (the Matrix spec requires that name for this delegation), or fix the delegation to point where it is served.`;
    } else if (certificate && !certificate.trusted) {
      cause = `Certificate for ${name}: ${untrustedCertificateWords(certificate.trustError)}`;
      advice = `Serve the full chain from a public CA for ${name}: other homeservers reject self-signed and incomplete chains.`;
    }
    return { case: 'certificate-invalid', cause, advice, severity: 'down', roles: role ? certRoles : ['client', 'federation'] };
  },
  // Everything that connects is down: the process or the whole host.
  (v) => {
    if (!(v.down('client') && v.down('federation') && (!v.present('federationTcp') || v.down('federationTcp')))) return undefined;
    const roles = v.roles((r) => v.down(r) && r !== 'discovery');
    const refused = v.kind('client') === 'refused' || v.kind('federationTcp') === 'refused' || v.kind('federation') === 'refused';
    if (refused) {
      return {
        case: 'process-down',
        cause: `${v.server} is not running: connections are refused on the client and federation ports`,
        advice: 'Check the Synapse process (systemctl status, its logs): a crash, an out-of-memory kill or a failed database migration after an upgrade; start it again.',
        severity: 'down',
        roles,
      };
    }
    return {
      case: 'host-down',
      cause: `${v.server} is down or unreachable: neither the client API nor federation answers`,
      advice: 'Check that the host is up and reachable (power, network, provider status), then the Synapse process and its logs (out-of-memory kill?).',
      severity: 'down',
      roles,
    };
  },
  // Connections open but nothing useful comes back: hung, overloaded, or its database is gone.
  (v) => {
    if (!(v.down('client') && v.down('federation') && v.up('federationTcp'))) return undefined;
    return {
      case: 'not-answering',
      cause: `${v.server} accepts connections but does not answer (${v.message('client')})`,
      advice: 'Synapse is overloaded or cannot reach its database: inspect PostgreSQL connectivity and the Synapse logs; restart it if it is hung.',
      severity: 'down',
      roles: ['client', 'federation'],
    };
  },
  // The SRV record federation goes by no longer says what the group was built from: other servers already go
  // elsewhere, while the group still watches the old place. Said before what fails there, which may be the reason.
  (v) => {
    if (!recordChanged(v.result('delegationRecord'))) return undefined;
    const srv = v.discovery?.federation.srv;
    return {
      case: 'delegation-changed',
      cause: `the delegation record of ${v.server} changed: ${delegationRecordChange(v.result('delegationRecord') as CheckResult, srv)}`,
      advice: `If you moved federation on purpose, the group's monitors follow at the next daily discovery (or add ${v.server} again now). Otherwise restore the SRV record ${srv?.query ?? `_matrix-fed._tcp.${v.server}`} at your DNS provider.`,
      severity: v.down('federation') ? 'down' : 'warning',
      roles: v.roles((r) => r === 'delegationRecord' || (r === 'federation' && v.down(r))),
    };
  },
  // The federation port does not connect while the client API answers.
  (v) => {
    if (!(v.up('client') && v.down('federationTcp'))) return undefined;
    const roles = v.roles((r) => v.down(r) && (r === 'federationTcp' || r === 'federation' || r === 'keys' || r === 'federationCert'));
    if (v.kind('federationTcp') === 'refused') {
      return {
        case: 'federation-listener-down',
        cause: `Nothing listens on ${v.federationAt}: the federation listener is down or delegation points at the wrong port`,
        advice: `Check Synapse's federation listener (or the reverse proxy) for ${v.federationPort}; if federation lives elsewhere, fix /.well-known/matrix/server or the SRV record of ${v.server}.`,
        severity: 'down',
        roles,
      };
    }
    return {
      case: 'federation-port-blocked',
      cause: `Firewall or routing blocks ${v.federationAt}: connections ${v.kind('federationTcp') === 'timeout' ? 'time out' : 'fail'} while the client API answers`,
      advice: `Allow ${v.federationPort}/tcp inbound (host firewall, cloud security group, router port forward) and check routing to ${v.federationAt}.`,
      severity: 'down',
      roles,
    };
  },
  // The port connects (or is not watched) but federation requests fail: listener config, proxy route, delegation.
  (v) => {
    if (!(v.up('client') && v.down('federation'))) return undefined;
    const kind = v.kind('federation');
    let advice = `Check the federation listener config and the reverse proxy for ${v.federationAt}; verify the delegation (/.well-known/matrix/server, SRV) of ${v.server} points there.`;
    if (kind === 'tls') {
      advice = `Serve a valid certificate for ${v.discovery?.federation.tlsServerName ?? v.server} on ${v.federationAt}: the spec requires that name for this delegation.`;
    } else if (kind === 'status' || kind === 'protocol') {
      advice = `The proxy at ${v.federationAt} does not route /_matrix/federation to Synapse (or the listener lacks the "federation" resource): fix the route for Host ${v.discovery?.federation.hostHeader ?? v.server}.`;
    }
    return {
      case: 'federation-broken',
      cause: `Federation listener or delegation broken: ${v.message('federation')} (the client API answers)`,
      advice,
      severity: 'down',
      roles: v.roles((r) => v.down(r) && (r === 'federation' || r === 'keys')),
    };
  },
  // Other servers cannot find the federation endpoint even though it answers where it used to be.
  (v) => {
    if (!v.down('discovery')) return undefined;
    return {
      case: 'well-known-broken',
      cause: `Delegation broken: discovery of ${v.server} fails (${v.message('discovery')})`,
      advice: `Fix https://${v.server}/.well-known/matrix/server: it must answer 200 with JSON {"m.server": "host:port"}; without it other servers fall back to SRV records or ${v.server}:8448.`,
      severity: 'down',
      roles: ['discovery'],
    };
  },
  // The key endpoint answers, but with keys other servers will reject.
  (v) => {
    const problem = v.result('keys')?.detail?.keyProblem;
    if (!v.down('keys') || problem === undefined) return undefined;
    const advice: Record<string, string> = {
      expired: 'Synapse refreshes valid_until_ts itself: check the server clock and that Synapse (not a stale cache or proxy) answers /_matrix/key/v2/server; restart it.',
      signature: 'The published key does not match the signing key in use: check signing_key_path in homeserver.yaml and any proxy or cache rewriting the answer; restart Synapse.',
      'server-name': `Another homeserver answers for ${v.server}: check server_name in homeserver.yaml and that the delegation and proxy point at the right server.`,
      malformed: 'The key endpoint does not return Matrix keys: check the proxy route for /_matrix/key/v2/server.',
    };
    return {
      case: 'signing-key-invalid',
      cause: `Signing key invalid: ${v.message('keys').replace(/^signing keys: /, '')}`,
      advice: advice[problem] ?? (advice.malformed as string),
      severity: 'down',
      roles: ['keys'],
    };
  },
  // One path down while the rest answers: a worker or a proxy route (seed: "specific API paths fail").
  (v) => {
    const failing = v.roles((r) => v.down(r) && r !== 'discovery');
    const answering = v.roles((r) => v.up(r) && r !== 'discovery');
    if (failing.length === 0 || answering.length === 0) return undefined;
    const first = failing[0] as DiagnosisRole;
    const where = first === 'client' || first === 'clientCert' ? `/_matrix/client on ${v.clientHost}` : first === 'keys' ? '/_matrix/key/v2/server' : ROLE_LABEL[first];
    return {
      case: 'route-failing',
      cause: `A worker or route is failing: ${failing.map((r) => ROLE_LABEL[r]).join(', ')} down (${v.message(first)}) while ${answering.map((r) => ROLE_LABEL[r]).join(', ')} answer`,
      advice: `Check the Synapse worker and the reverse-proxy route serving ${where}, and the Synapse logs.`,
      severity: 'down',
      roles: failing,
    };
  },
  (v) => {
    if (!v.warning('discovery')) return undefined;
    return {
      case: 'delegation-changed',
      cause: `Delegation of ${v.server} changed: ${v.message('discovery')}`,
      advice: `If you moved federation on purpose, nothing to do: the group's monitors follow it. Otherwise check /.well-known/matrix/server and the SRV records of ${v.server}.`,
      severity: 'warning',
      roles: ['discovery'],
    };
  },
  (v) => {
    const before = v.previousDetail('keys')?.keyFingerprint;
    const detail = v.result('keys')?.detail;
    if (!v.up('keys') || before === undefined || detail?.keyFingerprint === undefined || detail.keyFingerprint === before) return undefined;
    return {
      case: 'signing-key-changed',
      cause: `Signing key of ${v.server} changed: ${v.previousDetail('keys')?.keyIds ?? '?'} → ${detail.keyIds ?? '?'}`,
      advice: 'If you did not rotate it, the server was reinstalled or lost its key file: restore the old key (signing_key_path) from a backup, or list it under old_signing_keys.',
      severity: 'warning',
      roles: ['keys'],
    };
  },
  (v) => {
    const role = CERT_ROLES.find((r) => v.warning(r));
    if (role === undefined) return undefined;
    const days = v.result(role)?.certificate?.daysLeft;
    const name = certificateName(v, role);
    return {
      case: 'certificate-expiring',
      cause: days !== undefined ? `Certificate for ${name} expires in ${formatDays(days)}` : `Certificate for ${name}: ${v.message(role)}`,
      advice: `Renew the certificate; check ACME/Let's Encrypt renewal for ${name}.`,
      severity: 'warning',
      roles: [role],
    };
  },
  (v) => {
    const slow = v.roles((r) => v.warning(r));
    if (slow.length === 0) return undefined;
    const first = slow[0] as DiagnosisRole;
    return {
      case: 'slow',
      cause: `${ROLE_LABEL[first]} degraded: ${v.message(first)}`,
      advice: 'Look at the homeserver load (CPU, database, workers) and the Synapse logs.',
      severity: 'warning',
      roles: slow,
    };
  },
];

/**
 * The likely cause for the group's current states; null while nothing is known yet (every role unknown,
 * pending or paused). Pending monitors are not counted as failing: their failureThreshold has not been reached.
 */
export function diagnoseHomeserver(states: HomeserverStates, discovery?: DiscoveredHomeserver): Diagnosis | null {
  const view = new View(states, discovery);
  const known = view.roles((r) => view.up(r) || view.down(r));
  if (known.length === 0) return null;
  const found = rules.reduce<Diagnosis | undefined>((match, rule) => match ?? rule(view), undefined) ?? {
    case: 'healthy',
    cause: `${view.server} is healthy: every check passes`,
    advice: 'Nothing to do.',
    severity: 'ok',
    roles: known,
  };
  // A sentence starts with a capital ("The homeserver", "Client API"), but a server name keeps its own case.
  if (discovery && found.cause.startsWith(discovery.serverName)) return found;
  return { ...found, cause: found.cause.charAt(0).toUpperCase() + found.cause.slice(1) };
}
