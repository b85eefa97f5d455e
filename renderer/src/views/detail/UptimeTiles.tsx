// Uptime over four windows; "no data" says so rather than pretending to 0 % or 100 %.
import type { UptimeSummary } from '../../../../electron/shared/history-types.ts';
import { formatPercent } from './format.ts';

const WINDOWS = [
  { key: 'h24', label: '24 hours' },
  { key: 'd7', label: '7 days' },
  { key: 'd30', label: '30 days' },
  { key: 'd365', label: '365 days' },
] as const;

export function UptimeTiles({ uptime }: { uptime: UptimeSummary }) {
  return (
    <dl className="uptime-tiles">
      {WINDOWS.map((window) => (
        <div key={window.key} className={`uptime-tile${uptime[window.key] === null ? ' uptime-none' : ''}`}>
          <dt>{window.label}</dt>
          <dd>{formatPercent(uptime[window.key])}</dd>
        </div>
      ))}
    </dl>
  );
}
