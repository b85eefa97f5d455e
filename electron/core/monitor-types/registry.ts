// The engine's half of every monitor type, one line each. Typed from the shared registry's MonitorType: a
// type missing here, or one the shared registry does not know, does not compile.
import type { Monitor, MonitorOf, MonitorType } from '../../shared/monitor-types/registry.ts';
import { dnsDescriptor } from './dns.ts';
import { httpDescriptor } from './http.ts';
import { matrixFederationDescriptor } from './matrix-federation.ts';
import { matrixKeysDescriptor } from './matrix-keys.ts';
import type { MonitorTypeDescriptor } from './monitor-type-descriptor.ts';
import { tcpDescriptor } from './tcp.ts';
import { tlsDescriptor } from './tls.ts';

export const MONITOR_TYPE_DESCRIPTORS: { readonly [K in MonitorType]: MonitorTypeDescriptor<MonitorOf<K>> } = {
  http: httpDescriptor,
  tcp: tcpDescriptor,
  tls: tlsDescriptor,
  'matrix-federation': matrixFederationDescriptor,
  'matrix-keys': matrixKeysDescriptor,
  dns: dnsDescriptor,
};

/** A type's descriptor, callable with any monitor of that type. */
export function descriptorOf(monitor: Monitor): MonitorTypeDescriptor<Monitor> {
  return MONITOR_TYPE_DESCRIPTORS[monitor.type];
}
