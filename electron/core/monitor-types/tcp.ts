// The tcp type in the engine: the connect check in checks/tcp.ts.
import type { TcpMonitor } from '../../shared/types.ts';
import { checkTcp } from '../checks/tcp.ts';
import { tcpProbe } from '../export/prometheus/blackbox-probes.ts';
import type { MonitorTypeDescriptor } from './monitor-type-descriptor.ts';

export const tcpDescriptor: MonitorTypeDescriptor<TcpMonitor> = {
  check: checkTcp,
  prometheus: { probe: tcpProbe },
};
