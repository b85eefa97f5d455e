// The Matrix-specific checks: federation version and signing keys, plus what the rules need from them.
export { canonicalJson, CanonicalJsonError } from './canonical-json.ts';
export { checkMatrixFederation, readServerSoftware, FEDERATION_VERSION_PATH } from './federation-version.ts';
export { checkMatrixKeys, SERVER_KEYS_PATH } from './matrix-keys.ts';
export { judgeServerKeys } from './server-keys.ts';
export type { KeyProblem, KeyVerdict } from './server-keys.ts';
export { keyChangeAlert } from './key-change.ts';
export type { KeyChangeAlert } from './key-change.ts';
export { federationRequest } from './matrix-request.ts';
