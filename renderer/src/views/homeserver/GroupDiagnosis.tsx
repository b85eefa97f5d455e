// What a homeserver group's states together mean, for the list's group header: a short verdict on the
// header line (icon and word) and, when something is wrong, the likely cause, the advice and the last
// discovery below it. A healthy group gets a quiet note: the list is for finding trouble.
import type { GroupDiagnosis, HomeserverGroup } from '../../../../electron/shared/contract.ts';
import { StateIcon } from '../../components/StateBadge.tsx';
import { formatDateTime } from '../detail/format.ts';
import { VIA_WORDS } from './discovery-words.ts';
import './homeserver.css';

const SEVERITY: Record<GroupDiagnosis['severity'], { state: 'up' | 'warning' | 'down'; word: string }> = {
  ok: { state: 'up', word: 'Healthy' },
  warning: { state: 'warning', word: 'Warning' },
  down: { state: 'down', word: 'Down' },
};

/** Whether the header shows the full diagnosis (and so needs its taller row). */
export function showsDiagnosis(homeserver: HomeserverGroup | undefined): boolean {
  return homeserver?.diagnosis != null && homeserver.diagnosis.severity !== 'ok';
}

/** The verdict on the header line. */
export function DiagnosisVerdict({ homeserver }: { homeserver: HomeserverGroup }) {
  const { diagnosis } = homeserver;
  if (!diagnosis) {
    // The engine says nothing until every monitor has reported once; neither do we.
    return <span className="group-diagnosis-quiet">No diagnosis yet</span>;
  }
  const { state, word } = SEVERITY[diagnosis.severity];
  if (diagnosis.severity === 'ok') {
    return (
      <span className="group-diagnosis-quiet state-badge" title={diagnosis.cause}>
        <StateIcon state={state} />
        <span className="state-word">{word}</span>
      </span>
    );
  }
  return (
    <span className={`state-badge state-${state}`}>
      <StateIcon state={state} />
      <span className="state-word">{word}</span>
    </span>
  );
}

export function lastDiscoveryText(homeserver: HomeserverGroup): string {
  if (homeserver.discovery === null || homeserver.discoveredAt === null) return 'Last discovery: not run since Picket started';
  return `Last discovery: ${formatDateTime(homeserver.discoveredAt)}, via ${VIA_WORDS[homeserver.discovery.federation.via]}`;
}

/** Cause, advice and last discovery, one line each (wrapping), under a header whose severity is not ok. */
export function DiagnosisDetails({ homeserver, id }: { homeserver: HomeserverGroup; id: string }) {
  const { diagnosis } = homeserver;
  if (!diagnosis) return null;
  return (
    <div className="group-diagnosis" id={id}>
      <p className="group-diagnosis-cause" title={diagnosis.cause}>
        <span className="sr-only">Likely cause: </span>
        {diagnosis.cause}
      </p>
      <p className="group-diagnosis-advice" title={diagnosis.advice}>
        <span className="group-diagnosis-label">What to do:</span> {diagnosis.advice}
      </p>
      <p className="group-diagnosis-discovery">{lastDiscoveryText(homeserver)}</p>
    </div>
  );
}
