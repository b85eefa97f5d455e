// Reading a discovery report: whether it found anything to monitor, and why not, in the words of its steps.
import type { DiscoveryStep, MatrixDiscovery } from '../../../shared/matrix-types.ts';
import type { FailureKind } from '../../../shared/types.ts';

/** "well-known: cannot resolve example.org; federation version: ...": the steps that failed, on one line. */
export function failingSteps(steps: readonly DiscoveryStep[]): string {
  const failed = steps.filter((step) => step.error !== undefined);
  return failed.length === 0 ? 'no step reported an error' : failed.map((step) => `${step.step}: ${step.error ?? ''}`).join('; ');
}

/** 'dns' when a step could not resolve a name (checks/failure-kind.ts words them "cannot resolve ..."), so the diagnosis says DNS. */
export function failureKindOfSteps(steps: readonly DiscoveryStep[]): FailureKind {
  return steps.some((step) => step.error?.startsWith('cannot resolve') === true) ? 'dns' : 'other';
}

/**
 * Why there is nothing to monitor: neither the federation endpoint nor the client API answered. undefined when
 * either did (a group with one side down is worth watching: that is what the monitors are for).
 */
export function nothingFound(discovery: MatrixDiscovery): string | undefined {
  if (discovery.federation.verified || discovery.client.verified) return undefined;
  return `no Matrix homeserver answers for ${discovery.serverName}: ${failingSteps(discovery.steps)}`;
}
