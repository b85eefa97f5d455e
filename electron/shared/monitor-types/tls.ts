// The tls monitor type: a certificate is valid, trusted, for the right name, and not about to expire.
import { Type, type Static } from '@sinclair/typebox';
import { DEFAULT_EXPIRY_WARNING_DAYS } from '../defaults.ts';
import { checkHost } from './field-checks.ts';
import type { MonitorTypeSpec } from './monitor-type-spec.ts';
import { hostPort, monitorSchemaOf, port, tlsOptionsSchema, type CommonDefaulted, type Resolved } from './schema-kit.ts';

export const tlsSchema = monitorSchemaOf('tls', {
  host: Type.String({ minLength: 1, maxLength: 253, description: 'Host name or IP address.' }),
  port: port(),
  expiryWarningDays: Type.Optional(
    Type.Array(Type.Integer({ minimum: 0, maximum: 3650 }), {
      uniqueItems: true,
      description: 'Reminder thresholds in days; inside the largest the monitor is "warning". Default: settings.defaultExpiryWarningDays.',
    }),
  ),
  tls: Type.Optional(tlsOptionsSchema),
});

export type TlsMonitorConfig = Static<typeof tlsSchema>;
export type TlsMonitor = Resolved<TlsMonitorConfig, CommonDefaulted | 'expiryWarningDays' | 'tls'>;

export const tlsSpec: MonitorTypeSpec<TlsMonitorConfig, TlsMonitor> = {
  type: 'tls',
  schema: tlsSchema,
  label: 'TLS',
  defaultFailureThreshold: 1,
  managedByGroup: false,
  issues: (input, at) => checkHost(input.host, at),
  normalise: (input, common, defaults) => ({
    ...common,
    type: 'tls',
    host: input.host,
    port: input.port,
    // Largest first: the first element decides when "warning" starts.
    expiryWarningDays: [...(input.expiryWarningDays ?? defaults.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS)].sort((a, b) => b - a),
    tls: { ...(input.tls ?? {}) },
  }),
  target: (monitor) => hostPort(monitor.host, monitor.port),
  targetNote: () => undefined,
  alertHost: (monitor) => monitor.tls.serverName ?? monitor.host,
  form: {
    editor: 'certificate',
    offer: { label: 'TLS certificate', hint: 'a certificate is valid and not about to expire' },
    shownFields: ['host', 'port', 'expiryWarningDays', 'tls.caFile', 'tls.serverName', 'tls.ignoreErrors'],
  },
};
