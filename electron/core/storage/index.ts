// The storage part of the engine: monitors, settings and preferences in <data dir>/picket.json, the engine's
// runtime bookkeeping in <data dir>/picket.state.json; both held in memory and written off the caller's path.
export { openStore, storePaths, type OpenStoreOptions, type StoreOpenReport } from './open-store.ts';
export { MemoryMonitorStore, type MemoryStoreOptions, type MonitorStore, type StoreFiles } from './monitor-store.ts';
export { DEFAULT_PREFERENCES, type Preferences } from './store-preferences.ts';
export type { HomeserverRecord, HomeserverRecords } from './store-homeservers.ts';
export { NewerStoreVersionError } from './migrations.ts';
export type { DroppedMonitor } from './recover-document.ts';
export type { FieldProblem, StoreDocument } from './store-document.ts';
