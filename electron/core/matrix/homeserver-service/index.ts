// The service's Matrix homeserver part: PicketService delegates discoverHomeserver, addHomeserver and
// listHomeservers here, with the daily re-discovery and the group diagnosis.
export { HomeserverService } from './homeserver-service.ts';
export type { HomeserverServicePorts } from './homeserver-service.ts';
export { checkMatrixOptions, DEFAULT_REDISCOVER_EVERY_MS } from './options.ts';
export type { MatrixServiceOptions } from './options.ts';
export { judgeRediscovery, movedMessage, discoveryRoleStatus } from './rediscovery.ts';
export type { RediscoveryOutcome } from './rediscovery.ts';
export { nothingFound, failingSteps, failureKindOfSteps } from './discovery-verdict.ts';
export { homeserverGroup, homeserverStates, toGroupDiagnosis } from './group-view.ts';
