// Reading a discovery report: whether it found anything to monitor, and why not, in the words of its steps.
import type { DiscoveryStep } from '../../../shared/matrix-types.ts';
import type { FailureKind } from '../../../shared/types.ts';

export { failingSteps, nothingFound } from '../../../shared/matrix-discovery-verdict.ts';

/** 'dns' when a step could not resolve a name (checks/failure-kind.ts words them "cannot resolve ..."), so the diagnosis says DNS. */
export function failureKindOfSteps(steps: readonly DiscoveryStep[]): FailureKind {
  return steps.some((step) => step.error?.startsWith('cannot resolve') === true) ? 'dns' : 'other';
}
