// The http type in the engine: the check in checks/http.ts, its probe and its "slow" rule for Prometheus.
import type { HttpMonitor } from '../../shared/types.ts';
import { checkHttp } from '../checks/http.ts';
import { httpProbe } from '../export/prometheus/blackbox-probes.ts';
import type { MonitorTypeDescriptor } from './monitor-type-descriptor.ts';

export const httpDescriptor: MonitorTypeDescriptor<HttpMonitor> = {
  check: checkHttp,
  prometheus: { probe: httpProbe, slowResponseMs: (monitor) => monitor.slowResponseMs },
};
