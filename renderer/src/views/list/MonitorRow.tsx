// One monitor in the list. It selects its own view and sparkline by id, so a result for another monitor
// never re-renders it; memo() keeps the list's own re-renders (a new order) from reaching unchanged rows.
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { PicketClient } from '../../../../electron/shared/contract.ts';
import { formatLatency, formatUptime } from '../../components/format.ts';
import { TYPE_LABEL } from '../../components/monitor-type.ts';
import { Sparkline } from '../../components/Sparkline.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import { barSegments, UptimeBar, type BarUnit } from '../../components/UptimeBar.tsx';
import { routeHash } from '../../store/hash-route.ts';
import { useMonitorItem, useSparkline } from '../../store/monitors-store.ts';
import { useUptimeBar } from './use-uptime-bar.ts';

export interface MonitorRowProps {
  client: PicketClient;
  id: string;
  index: number;
  total: number;
  unit: BarUnit;
  onOpen: (id: string) => void;
}

function RowUptimeBar({ client, id, unit }: { client: PicketClient; id: string; unit: BarUnit }) {
  const data = useUptimeBar(client, id, unit);
  if (data.status === 'error') {
    return (
      <span className="uptime-bar-error" title={data.message}>
        history unavailable
      </span>
    );
  }
  if (data.status !== 'ready') return <UptimeBar segments={null} unit={unit} />;
  // The bar ends when its buckets were read (a render reads no clock: it must give the same bar every time).
  const { segments, scale } = barSegments(data.buckets, data.recent, unit, data.at);
  return <UptimeBar segments={segments} unit={scale} />;
}

export const MonitorRow = memo(function MonitorRow({ client, id, index, total, unit, onOpen }: MonitorRowProps) {
  const item = useMonitorItem(id);
  const sparkline = useSparkline(id);
  if (!item) return null;
  const trouble = item.problem;

  const open = (event: MouseEvent | KeyboardEvent): void => {
    event.preventDefault(); // the href is for "open in new tab" and the status bar; navigation is onOpen's
    onOpen(id);
  };

  return (
    <div role="listitem" aria-setsize={total} aria-posinset={index + 1} className="monitor-row-item">
      <a
        href={routeHash({ name: 'detail', id })}
        className={`monitor-row row-${item.state}`}
        data-row-index={index}
        onClick={open}
        onKeyDown={(event) => event.key === 'Enter' && open(event)}
      >
        <span className="col-state">
          <StateBadge state={item.state} />
        </span>
        <span className="col-name">
          <span className="monitor-name">
            {item.name}
            {item.muted && <span className="tag">muted</span>}
          </span>
          <span className="monitor-target" title={trouble ?? undefined}>
            <span className="monitor-type">{TYPE_LABEL[item.type]}</span> {item.target}
            {trouble && <span className="monitor-trouble"> — {trouble}</span>}
          </span>
        </span>
        <span className="col-num">
          <span className="sr-only">Latency </span>
          {formatLatency(item.latencyMs)}
        </span>
        <span className="col-num">
          <span className="sr-only">Uptime 24 hours </span>
          {formatUptime(item.uptime24h)}
        </span>
        <span className="col-num">
          <span className="sr-only">Uptime 30 days </span>
          {formatUptime(item.uptime30d)}
        </span>
        <span className="col-bar">
          <RowUptimeBar client={client} id={id} unit={unit} />
        </span>
        <span className="col-spark">
          <Sparkline values={sparkline ?? []} />
        </span>
      </a>
    </div>
  );
});
