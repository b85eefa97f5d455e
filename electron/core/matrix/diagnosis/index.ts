// Failure diagnosis for a homeserver group: its states together give a likely cause and what to do.
export { diagnoseHomeserver } from './diagnose-homeserver.ts';
export type { Diagnosis, DiagnosisCase, DiagnosisRole, HomeserverStates, RoleStatus } from './types.ts';
