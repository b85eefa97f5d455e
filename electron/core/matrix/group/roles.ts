// The monitors of a homeserver group, by what each watches; ids are derived from the server name so a re-run
// of discovery (or of "Add a Matrix homeserver") lands on the same ids and keeps their history.

export const MONITOR_ROLES = ['client', 'federation', 'federationTcp', 'clientCert', 'federationCert', 'keys', 'delegationRecord'] as const;
export type HomeserverMonitorRole = (typeof MONITOR_ROLES)[number];

const SUFFIX: Record<HomeserverMonitorRole, string> = {
  client: 'client',
  federation: 'federation',
  federationTcp: 'federation-tcp',
  clientCert: 'client-cert',
  federationCert: 'federation-cert',
  keys: 'keys',
  delegationRecord: 'delegation-srv',
};

// Monitor ids are at most 64 characters; the longest suffix ("-federation-cert") takes 16. A longer suffix would
// shorten the slug of long server names and so change their groups' ids (and lose their history).
const MAX_SLUG = 64 - 1 - Math.max(...Object.values(SUFFIX).map((s) => s.length));

/** FNV-1a, 32 bits: a short, stable tag that keeps two long server names with the same prefix apart. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** "Example.org:8448" -> "example.org-8448": a monitor-id-safe form of a server name. */
export function slugServerName(serverName: string): string {
  const slug = serverName
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  if (slug === '') throw new Error(`serverName: "${serverName}" has no letters or digits to build monitor ids from`);
  if (slug.length <= MAX_SLUG) return slug;
  return `${slug.slice(0, MAX_SLUG - 9).replace(/[^a-z0-9]+$/, '')}-${shortHash(serverName.toLowerCase())}`;
}

/** The id of each role's monitor for serverName. */
export function homeserverMonitorIds(serverName: string): Record<HomeserverMonitorRole, string> {
  const slug = slugServerName(serverName);
  const ids = {} as Record<HomeserverMonitorRole, string>;
  for (const role of MONITOR_ROLES) ids[role] = `${slug}-${SUFFIX[role]}`;
  return ids;
}

/** Which role a monitor plays in serverName's group; undefined for a monitor the group did not create. */
export function roleOfMonitor(serverName: string, monitorId: string): HomeserverMonitorRole | undefined {
  const ids = homeserverMonitorIds(serverName);
  return MONITOR_ROLES.find((role) => ids[role] === monitorId);
}
