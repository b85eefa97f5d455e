// GET /_matrix/key/v2/server: server_name, an Ed25519 signature and valid_until_ts are checked.
import { matrixSchemaOf, matrixSpecOf, type MatrixMonitorConfigOf, type MatrixMonitorOf } from './matrix-endpoint.ts';

export const matrixKeysSchema = matrixSchemaOf('matrix-keys');
export type MatrixKeysMonitorConfig = MatrixMonitorConfigOf<'matrix-keys'>;
export type MatrixKeysMonitor = MatrixMonitorOf<'matrix-keys'>;

// A signing-key problem is never transient: the first failure is "down".
export const matrixKeysSpec = matrixSpecOf('matrix-keys', matrixKeysSchema, 'Signing keys', 1);
