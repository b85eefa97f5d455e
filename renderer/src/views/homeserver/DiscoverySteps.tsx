// Every step discovery took, in order: what was tried and what came of it. The steps are the evidence
// behind the outcome, so a surprising endpoint (a false 8448, say) can be traced to the step that chose it.
import type { DiscoveryStep } from '../../../../electron/shared/matrix-types.ts';
import { Verdict } from './Verdict.tsx';

export function DiscoverySteps({ steps }: { steps: readonly DiscoveryStep[] }) {
  if (steps.length === 0) return <p className="field-hint">Discovery reported no steps.</p>;
  return (
    <ol className="discovery-steps">
      {steps.map((step, index) => (
        // Steps have no id and never reorder: the index is their identity.
        <li key={index} className="discovery-step">
          <Verdict ok={step.error === undefined} yes="OK" no="Failed" />
          <span className="discovery-step-name">{step.step}</span>
          <span className="discovery-step-tried">
            <span className="discovery-step-label">Tried</span> <code>{step.tried}</code>
          </span>
          {step.found !== undefined && (
            <span className="discovery-step-found">
              <span className="discovery-step-label">Found</span> {step.found}
            </span>
          )}
          {step.error !== undefined && (
            <span className="discovery-step-error">
              <span className="discovery-step-label">Error</span> {step.error}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
