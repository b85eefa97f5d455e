// GET /_matrix/federation/v1/version at the resolved endpoint; records the server software and version.
import { matrixSchemaOf, matrixSpecOf, type MatrixMonitorConfigOf, type MatrixMonitorOf } from './matrix-endpoint.ts';

export const matrixFederationSchema = matrixSchemaOf('matrix-federation');
export type MatrixFederationMonitorConfig = MatrixMonitorConfigOf<'matrix-federation'>;
export type MatrixFederationMonitor = MatrixMonitorOf<'matrix-federation'>;

// A federation answer can blip during a restart: two failures before "down".
export const matrixFederationSpec = matrixSpecOf('matrix-federation', matrixFederationSchema, 'Federation', 2);
