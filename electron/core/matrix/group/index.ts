// A homeserver's group of monitors: built from discovery, compared across re-discoveries.
export { homeserverMonitors } from './homeserver-monitors.ts';
export type { HomeserverMonitorOptions } from './homeserver-monitors.ts';
export { groupChanges, describeGroupChanges } from './group-changes.ts';
export type { GroupChange, GroupChangeField } from './group-changes.ts';
export { MONITOR_ROLES, homeserverMonitorIds, roleOfMonitor, slugServerName } from './roles.ts';
export type { HomeserverMonitorRole } from './roles.ts';
export type { DiscoveredHomeserver } from './discovered.ts';
