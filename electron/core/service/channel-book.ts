// The alert channels as the service keeps them: sealed in the store, open (cached) for the providers, redacted
// for a UI; and each homeserver group's channels. The requests on channels go through here.
import type { ChannelConfig, ChannelStatus } from '../../shared/channel-types.ts';
import { unknownChannelIssues } from '../../shared/channel-validation.ts';
import { formatIssue } from '../../shared/config-validation.ts';
import type { ChannelsOverview } from '../../shared/contract.ts';
import { openChannel, redactChannel, restoreChannelSecrets, sealChannel } from '../alerting/channel-secrets.ts';
import type { MonitorStore } from '../storage/index.ts';
import type { SecretCodec } from './secrets.ts';
import { channelNotFound, invalidParams } from './service-error.ts';

export class ChannelBook {
  private opened: ChannelConfig[] | undefined;
  /** Channels whose stored secret is sealed but no codec was given to open it (web mode on the app's data). */
  sealedChannels: string[] = [];

  constructor(
    private readonly store: MonitorStore,
    private readonly codec: SecretCodec | undefined,
  ) {}

  /** Secrets open, for the providers. */
  channels(): ChannelConfig[] {
    if (this.opened === undefined) {
      const sealed: string[] = [];
      this.opened = this.store.channels().map((stored) => {
        const result = openChannel(stored, this.codec);
        if (result.sealed) sealed.push(stored.id);
        return result.channel;
      });
      this.sealedChannels = sealed;
    }
    return this.opened;
  }

  groupChannels(): Record<string, string[]> {
    return this.store.groupChannels();
  }

  overview(status: (channelId: string) => ChannelStatus): ChannelsOverview {
    return {
      channels: this.channels().map((channel) => ({ channel: redactChannel(channel), status: status(channel.id) })),
      groupChannels: this.groupChannels(),
    };
  }

  /**
   * A dashboard (or anyone holding `serve`'s token) must never make Picket run a new program: a `command`
   * channel from a UI is accepted only when its program and arguments are the ones already stored.
   */
  refuseNewCommands(channels: readonly ChannelConfig[], base: string, prefix: string): void {
    const issues = channels.flatMap((channel, index) => {
      if (channel.type !== 'command') return [];
      const stored = this.channels().find((candidate) => candidate.id === channel.id);
      if (stored?.type === 'command' && JSON.stringify(stored.argv) === JSON.stringify(channel.argv)) return [];
      const at = channels.length === 1 && base === 'channel' ? base : `${base}[${index}]`;
      return [{ path: `${at}.argv`, message: 'runs a program on this machine: add or change a command channel in the config file given to `picket run` or `picket serve --config`, not from a dashboard' }];
    });
    if (issues.length > 0) throw invalidParams(`${prefix}: ${issues.map(formatIssue).join('; ')}`, issues);
  }

  /** A draft from a UI with the stored secrets put back where it says REDACTED. */
  withStoredSecrets(draft: ChannelConfig): ChannelConfig {
    const restored = restoreChannelSecrets(draft, this.channels().find((channel) => channel.id === draft.id), 'channel');
    if ('issues' in restored) throw invalidParams(`invalid channel: ${restored.issues.map(formatIssue).join('; ')}`, restored.issues);
    return restored.channel;
  }

  save(draft: ChannelConfig): void {
    const channel = this.withStoredSecrets(draft);
    const current = this.channels();
    const index = current.findIndex((candidate) => candidate.id === channel.id);
    const next = index === -1 ? [...current, channel] : current.map((candidate, i) => (i === index ? channel : candidate));
    this.replace(next);
  }

  /** Removes the channel; the caller takes it out of the monitors' lists. */
  remove(channelId: string): void {
    const current = this.channels();
    if (!current.some((channel) => channel.id === channelId)) throw channelNotFound(channelId);
    this.replace(current.filter((channel) => channel.id !== channelId));
    const groups = this.groupChannels();
    if (Object.values(groups).some((ids) => ids.includes(channelId))) {
      this.store.setGroupChannels(Object.fromEntries(Object.entries(groups).map(([group, ids]) => [group, ids.filter((id) => id !== channelId)])));
    }
  }

  /** null goes back to the default channels. */
  setGroup(group: string, channelIds: string[] | null): void {
    const issues = unknownChannelIssues(channelIds ?? [], new Set(this.channels().map((channel) => channel.id)), 'channelIds');
    if (issues.length > 0) throw invalidParams(`invalid channels: ${issues.map(formatIssue).join('; ')}`, issues);
    const { [group]: _previous, ...others } = this.groupChannels();
    this.store.setGroupChannels(channelIds === null ? others : { ...others, [group]: channelIds });
  }

  /** The whole list (plain secrets), sealed and written in one go. */
  replace(channels: ChannelConfig[]): void {
    this.store.replaceChannels(channels.map((channel) => sealChannel(channel, this.codec)));
    this.opened = undefined;
  }
}
