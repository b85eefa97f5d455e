// What the group needs from discovery (electron/core/matrix/discovery: MatrixDiscovery), stated structurally
// so a saved discovery, a test or the dashboard can pass just these fields.
import type { SrvDelegation } from '../../../shared/matrix-types.ts';

export interface DiscoveredHomeserver {
  serverName: string;
  federation: {
    host: string;
    port: number;
    hostHeader: string;
    tlsServerName: string;
    /** Which rule of "Resolving server names" found it (well-known, srv, default-port, ...). */
    via?: string;
    /** The SRV record that chose host and port, when one did: the group then watches it. */
    srv?: SrvDelegation;
  };
  client: { baseUrl: string };
}
