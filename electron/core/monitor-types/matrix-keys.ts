// The matrix-keys type in the engine: the signing-key check in matrix/checks/matrix-keys.ts, and the rule
// that alerts once when the key changes.
import type { MatrixKeysMonitor } from '../../shared/types.ts';
import { matrixProbe, MATRIX_DISCOVERY_NOTE } from '../export/prometheus/blackbox-probes.ts';
import { checkMatrixKeys } from '../matrix/checks/matrix-keys.ts';
import { keyChangeRule } from '../rules/key-change-rule.ts';
import type { MonitorTypeDescriptor } from './monitor-type-descriptor.ts';

export const matrixKeysDescriptor: MonitorTypeDescriptor<MatrixKeysMonitor> = {
  check: checkMatrixKeys,
  rule(monitor, prev, result) {
    const keys = keyChangeRule(monitor, prev.lastUpDetail, result);
    return { result, next: { lastUpDetail: keys.lastUpDetail }, alerts: keys.alert ? [keys.alert] : [] };
  },
  prometheus: {
    probe: matrixProbe,
    notes: (monitor) => [
      MATRIX_DISCOVERY_NOTE,
      {
        monitor: { id: monitor.id, name: monitor.name },
        file: 'rules.yml',
        what: 'PicketSigningKeyChanged (the Ed25519 signing key changed)',
        reason: 'blackbox_exporter does not expose the key, so no rule can compare it with the one seen before',
      },
    ],
  },
};
