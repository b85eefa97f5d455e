// The storage part of the engine: monitors, settings and runtime state persisted in <data dir>/picket.json.
export { openConfStore, storePaths, type OpenConfStoreOptions, type StoreOpenReport } from './open-conf-store.ts';
export { ConfMonitorStore, type MonitorStore, type StoreBackend, type StoreBackendOptions } from './monitor-store.ts';
export { storeOptions, toElectronStoreOptions } from './store-schema.ts';
export { DEFAULT_PREFERENCES, type Preferences } from './store-preferences.ts';
export type { HomeserverRecord, HomeserverRecords } from './store-homeservers.ts';
export { NewerStoreVersionError } from './migrations.ts';
export type { DroppedMonitor } from './recover-document.ts';
export type { FieldProblem, StoreDocument } from './store-document.ts';
