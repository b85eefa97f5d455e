// Outages, newest first: when they started, how long they lasted (or that they still last) and why.
import type { Incident } from '../../../../electron/shared/types.ts';
import { formatDuration } from '../../../../electron/shared/format-duration.ts';
import { formatDateTime } from './format.ts';

export function IncidentList({ incidents }: { incidents: readonly Incident[] }) {
  if (incidents.length === 0) return <p className="detail-muted-text">No incidents recorded.</p>;
  const newestFirst = [...incidents].sort((a, b) => b.start - a.start);
  return (
    <table className="detail-table">
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Duration</th>
          <th scope="col">First error</th>
        </tr>
      </thead>
      <tbody>
        {newestFirst.map((incident) => (
          <tr key={incident.start}>
            <td>{formatDateTime(incident.start)}</td>
            <td>
              {incident.end === undefined ? (
                <span className="incident-ongoing">
                  <span aria-hidden="true">● </span>ongoing
                </span>
              ) : (
                formatDuration(incident.durationMs ?? incident.end - incident.start)
              )}
            </td>
            <td>{incident.firstError}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
