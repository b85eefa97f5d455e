// Which channels an alert goes to: the monitor's own list, else its homeserver group's, else every default
// channel; then only channels that carry the alert's kind.
import type { ChannelConfig } from '../../shared/channel-types.ts';
import type { Alert, Monitor } from '../../shared/types.ts';

export interface RoutingTable {
  channels: readonly ChannelConfig[];
  /** Channel ids per monitor group (a homeserver's server name). */
  groupChannels: Readonly<Record<string, readonly string[]>>;
}

/** The ids of the channels a monitor's alerts go to, before the kind filter. */
export function channelIdsFor(monitor: Pick<Monitor, 'channels' | 'group'> | undefined, table: RoutingTable): string[] {
  if (monitor?.channels !== undefined) return [...monitor.channels];
  const group = monitor?.group;
  if (group !== undefined && Object.hasOwn(table.groupChannels, group)) return [...(table.groupChannels[group] ?? [])];
  return table.channels.filter((channel) => channel.default === true).map((channel) => channel.id);
}

/** Each channel with the alerts routed to it; channels with none are left out. */
export function routeAlerts(alerts: readonly Alert[], monitorOf: (id: string) => Monitor | undefined, table: RoutingTable): Map<ChannelConfig, Alert[]> {
  const byId = new Map(table.channels.map((channel) => [channel.id, channel]));
  const routed = new Map<ChannelConfig, Alert[]>();
  for (const alert of alerts) {
    for (const id of channelIdsFor(monitorOf(alert.monitorId), table)) {
      const channel = byId.get(id);
      if (!channel || (channel.kinds !== undefined && !channel.kinds.includes(alert.kind))) continue;
      routed.set(channel, [...(routed.get(channel) ?? []), alert]);
    }
  }
  return routed;
}
