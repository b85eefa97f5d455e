// The tcp monitor type: a port accepts connections.
import { Type, type Static } from '@sinclair/typebox';
import { checkHost } from './field-checks.ts';
import type { MonitorTypeSpec } from './monitor-type-spec.ts';
import { hostPort, monitorSchemaOf, port, type CommonDefaulted, type Resolved } from './schema-kit.ts';

export const tcpSchema = monitorSchemaOf('tcp', {
  host: Type.String({ minLength: 1, maxLength: 253, description: 'Host name or IP address.' }),
  port: port(),
});

export type TcpMonitorConfig = Static<typeof tcpSchema>;
export type TcpMonitor = Resolved<TcpMonitorConfig, CommonDefaulted>;

export const tcpSpec: MonitorTypeSpec<TcpMonitorConfig, TcpMonitor> = {
  type: 'tcp',
  schema: tcpSchema,
  label: 'TCP',
  defaultFailureThreshold: 1,
  managedByGroup: false,
  issues: (input, at) => checkHost(input.host, at),
  normalise: (input, common) => ({ ...common, type: 'tcp', host: input.host, port: input.port }),
  target: (monitor) => hostPort(monitor.host, monitor.port),
  targetNote: () => undefined,
  alertHost: (monitor) => monitor.host,
  form: { editor: 'port', offer: { label: 'TCP port', hint: 'a port accepts connections' }, shownFields: ['host', 'port'] },
};
