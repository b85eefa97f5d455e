// The matrix-federation type in the engine: the version check in matrix/checks/federation-version.ts.
import type { MatrixFederationMonitor } from '../../shared/types.ts';
import { matrixProbe, MATRIX_DISCOVERY_NOTE } from '../export/prometheus/blackbox-probes.ts';
import { checkMatrixFederation } from '../matrix/checks/federation-version.ts';
import type { MonitorTypeDescriptor } from './monitor-type-descriptor.ts';

export const matrixFederationDescriptor: MonitorTypeDescriptor<MatrixFederationMonitor> = {
  check: checkMatrixFederation,
  prometheus: { probe: matrixProbe, notes: () => [MATRIX_DISCOVERY_NOTE] },
};
