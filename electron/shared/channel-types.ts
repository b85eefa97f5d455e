// Alert channels as the config file, the store and the UIs see them: one shape per provider, all sharing
// an id, a name, whether they are a default channel and which alert kinds they carry. Plain TypeScript.
import type { AlertKind } from './types.ts';

export const CHANNEL_TYPES = ['webhook', 'ntfy', 'gotify', 'pushover', 'telegram', 'matrix', 'email', 'alertmanager', 'apprise', 'command'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** Every alert kind a channel may carry, in the order a form lists them. */
export const ALERT_KINDS: readonly AlertKind[] = ['down', 'recovered', 'reminder', 'certificate', 'key-change', 'delegation-changed', 'answer-changed'];

export const WEBHOOK_FORMATS = ['generic', 'slack', 'discord', 'teams', 'mattermost', 'google-chat'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const EMAIL_SECURITY = ['tls', 'starttls', 'none'] as const;

interface ChannelCommon {
  /** Stable identifier: monitors and homeserver groups name channels by it. */
  id: string;
  name: string;
  /** Carries every monitor's alerts unless the monitor (or its homeserver group) names its own channels. */
  default?: boolean;
  /** Only these kinds; absent means all of them. */
  kinds?: AlertKind[];
}

export interface WebhookChannel extends ChannelCommon {
  type: 'webhook';
  url: string;
  /** generic: Picket's own versioned JSON body; the others: that service's incoming-webhook shape. */
  format?: WebhookFormat;
  headers?: Record<string, string>;
  /** When set, the body is signed with HMAC-SHA256 in the X-Picket-Signature header. */
  secret?: string;
}

export interface NtfyChannel extends ChannelCommon {
  type: 'ntfy';
  /** The topic URL: https://ntfy.sh/my-topic. */
  url: string;
  token?: string;
  username?: string;
  password?: string;
  /** 1 (min) to 5 (max); default: 5 for down, 3 otherwise. */
  priority?: number;
  tags?: string[];
}

export interface GotifyChannel extends ChannelCommon {
  type: 'gotify';
  /** The server's base URL. */
  url: string;
  /** An application token. */
  token: string;
  priority?: number;
}

export interface PushoverChannel extends ChannelCommon {
  type: 'pushover';
  /** The application's API token. */
  token: string;
  userKey: string;
  device?: string;
  priority?: number;
  /** Default https://api.pushover.net. */
  apiUrl?: string;
}

export interface TelegramChannel extends ChannelCommon {
  type: 'telegram';
  botToken: string;
  chatId: string;
  /** Default https://api.telegram.org. */
  apiUrl?: string;
}

export interface MatrixChannel extends ChannelCommon {
  type: 'matrix';
  homeserverUrl: string;
  accessToken: string;
  roomId: string;
}

export interface EmailChannel extends ChannelCommon {
  type: 'email';
  host: string;
  port: number;
  secure: (typeof EMAIL_SECURITY)[number];
  username?: string;
  password?: string;
  from: string;
  to: string[];
  /** PEM file with extra trusted CA certificates (a private mail server). */
  caFile?: string;
}

export interface AlertmanagerChannel extends ChannelCommon {
  type: 'alertmanager';
  /** The Alertmanager's base URL: http://127.0.0.1:9093. */
  url: string;
  /** Added to every alert's labels. */
  labels?: Record<string, string>;
}

export interface AppriseChannel extends ChannelCommon {
  type: 'apprise';
  /** The Apprise API's notify URL, usually with its config key: https://apprise.example/notify/picket. */
  url: string;
  /** Stateless mode: the Apprise URLs to notify, sent along with each message. */
  urls?: string[];
  tag?: string;
}

export interface CommandChannel extends ChannelCommon {
  type: 'command';
  /** The program and its arguments; run directly, never through a shell. */
  argv: string[];
  timeoutSeconds?: number;
}

export type ChannelConfig =
  | WebhookChannel
  | NtfyChannel
  | GotifyChannel
  | PushoverChannel
  | TelegramChannel
  | MatrixChannel
  | EmailChannel
  | AlertmanagerChannel
  | AppriseChannel
  | CommandChannel;

/** How deliveries to a channel are going, for Settings. */
export interface ChannelStatus {
  /** Epoch ms of the last delivery the channel accepted. */
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  /** The provider's error of the last attempt, when it failed. */
  lastError: string | null;
  /** The last attempt failed. */
  failing: boolean;
  /** Alerts waiting in the outbox for this channel. */
  queued: number;
}

/** A channel as sent to a UI: its secrets REDACTED, with its delivery status. */
export interface ChannelView {
  channel: ChannelConfig;
  status: ChannelStatus;
}

/** What "Send test alert" reports: the provider's answer, or its error. */
export interface ChannelTestOutcome {
  ok: boolean;
  /** ok: what the service answered ("200 OK", "250 Accepted"); not ok: the error. */
  detail: string;
}
