// Matrix server discovery: the public API (the CLI, the Matrix checks and the monitor group use these).
export { discoverHomeserver, DEFAULT_DISCOVERY_TIMEOUT_MS } from './discover.ts';
export { parseServerName, InvalidServerNameError, joinHostPort } from './server-name.ts';
export type { ServerName } from './server-name.ts';
export { parseResolveOverride, lookupWithOverrides, findOverride } from './resolve-override.ts';
export { wellKnownCacheMs, headerLifetimeMs, DEFAULT_CACHE_MS, MAX_CACHE_MS, ERROR_CACHE_MS } from './cache-lifetime.ts';
export { DEFAULT_FEDERATION_PORT } from './federation-resolution.ts';
export type { DiscoveryOptions, DiscoveryStep, FederationTarget, FederationVia, MatrixDiscovery, ResolveOverride } from './types.ts';
