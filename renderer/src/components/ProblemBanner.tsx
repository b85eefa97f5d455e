// Picket's own trouble (a full disk, too many open files, a damaged history file moved aside), one line each,
// so a problem on this machine is never mistaken for the monitored servers being down.
import { useProblems } from '../store/monitors-store.ts';

export function ProblemBanner() {
  const problems = useProblems();
  if (problems.length === 0) return null;
  return (
    <div className="banner banner-error" role="alert" aria-label="Problems with Picket itself">
      {problems.map((problem) => (
        <div key={problem}>Picket: {problem}</div>
      ))}
    </div>
  );
}
