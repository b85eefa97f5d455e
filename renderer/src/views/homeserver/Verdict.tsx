// A yes/no outcome (a discovery step, a verification) as an icon AND a word, never colour alone.
import { StateIcon } from '../../components/StateBadge.tsx';

export interface VerdictProps {
  ok: boolean;
  /** The words for each outcome, e.g. "OK" / "Failed" or "Verified" / "Not verified". */
  yes: string;
  no: string;
}

export function Verdict({ ok, yes, no }: VerdictProps) {
  return (
    <span className={`state-badge verdict state-${ok ? 'up' : 'down'}`}>
      <StateIcon state={ok ? 'up' : 'down'} />
      <span className="state-word">{ok ? yes : no}</span>
    </span>
  );
}
