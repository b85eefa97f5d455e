// What the group needs from discovery (electron/core/matrix/discovery: MatrixDiscovery), stated structurally
// so a saved discovery, a test or the dashboard can pass just these fields.

export interface DiscoveredHomeserver {
  serverName: string;
  federation: {
    host: string;
    port: number;
    hostHeader: string;
    tlsServerName: string;
    /** Which rule of "Resolving server names" found it (well-known, srv, default-port, ...). */
    via?: string;
  };
  client: { baseUrl: string };
}
