// The last results (up to 100), newest first, as the engine recorded them.
import type { CheckResult } from '../../../../electron/shared/types.ts';
import { formatLatency, formatTime } from './format.ts';
import { StateBadge } from '../../components/StateBadge.tsx';

export function RecentResults({ results }: { results: readonly CheckResult[] }) {
  if (results.length === 0) return <p className="detail-muted-text">No results yet.</p>;
  const newestFirst = [...results].reverse();
  return (
    <div className="recent-results">
      <table className="detail-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Latency
            </th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((result, index) => (
            <tr key={`${result.at}-${index}`}>
              <td>{formatTime(result.at)}</td>
              <td>
                <StateBadge state={result.status} />
              </td>
              <td className="numeric">{formatLatency(result.latencyMs)}</td>
              <td>{result.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
