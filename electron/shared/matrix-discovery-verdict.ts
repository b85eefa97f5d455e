// Reading a discovery report the same way in the engine and the dashboard: whether there is anything to
// monitor, and whether the name resolves at all (the first thing to tell someone who mistyped it).
import type { DiscoveryStep, MatrixDiscovery } from './matrix-types.ts';

/** "well-known: cannot resolve example.org; federation version: ...": the steps that failed, on one line. */
export function failingSteps(steps: readonly DiscoveryStep[]): string {
  const failed = steps.filter((step) => step.error !== undefined);
  return failed.length === 0 ? 'no step reported an error' : failed.map((step) => `${step.step}: ${step.error ?? ''}`).join('; ');
}

/**
 * Why there is nothing to monitor: neither the federation endpoint nor the client API answered. undefined when
 * either did (a group with one side down is worth watching: that is what the monitors are for).
 */
export function nothingFound(discovery: MatrixDiscovery): string | undefined {
  if (discovery.federation.verified || discovery.client.verified) return undefined;
  return `no Matrix homeserver answers for ${discovery.serverName}: ${failingSteps(discovery.steps)}`;
}

/** The host names steps could not resolve (checks word it "cannot resolve HOST ..."), each once, in order. */
export function unresolvedHosts(steps: readonly DiscoveryStep[]): string[] {
  const hosts = steps.map((step) => /^cannot resolve (\S+)/.exec(step.error ?? '')?.[1]).filter((host): host is string => host !== undefined);
  return [...new Set(hosts)];
}
