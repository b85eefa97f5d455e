// The monitor list: toolbar, column headings and the virtualised rows, or an empty state.
import { useCallback, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { PicketClient } from '../../../../electron/shared/contract.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import type { BarUnit } from '../../components/UptimeBar.tsx';
import { monitorsStore, useStateCounts } from '../../store/monitors-store.ts';
import { showsDiagnosis } from '../homeserver/GroupDiagnosis.tsx';
import { GroupHeader } from './GroupHeader.tsx';
import { ListToolbar } from './ListToolbar.tsx';
import { DEFAULT_QUERY, entryKeysSelector, parseEntryKey, type ListQuery } from './list-model.ts';
import { MonitorRow } from './MonitorRow.tsx';
import { VirtualList } from './VirtualList.tsx';
import './list.css';

/** Must match .monitor-row / .group-row height in list.css: the virtual list relies on it. */
export const ROW_HEIGHT = 52;
/** A homeserver's group header with its diagnosis; must match .group-row-item.has-diagnosis in homeserver.css. */
export const DIAGNOSIS_ROW_HEIGHT = 144;

export interface MonitorListProps {
  client: PicketClient;
  onOpen: (id: string) => void;
  onAdd: () => void;
  /** Offered in the empty state, beside "Add monitor", when given. */
  onAddHomeserver?: () => void;
}

export function MonitorList({ client, onOpen, onAdd, onAddHomeserver }: MonitorListProps) {
  const [query, setQuery] = useState<ListQuery>(DEFAULT_QUERY);
  const [unit, setUnit] = useState<BarUnit>('hour');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const counts = useStateCounts();
  const total = useStore(monitorsStore, (state) => state.ids.length);
  const loading = useStore(monitorsStore, (state) => state.connection === 'loading' && state.ids.length === 0);
  // Nothing loaded because the engine refused or could not be reached: the banner says why; "No monitors
  // yet" would be a lie.
  const failed = useStore(monitorsStore, (state) => state.connection === 'error' && state.ids.length === 0);
  // The same array while the order is the same: a result that does not change it does not re-render the list.
  const selectKeys = useMemo(() => entryKeysSelector(query, collapsed), [query, collapsed]);
  const keys = useStore(monitorsStore, (state) => selectKeys(state.items));

  // Groups whose header shows a diagnosis, so is taller; compared shallowly like the keys.
  const diagnosed = useStore(
    monitorsStore,
    useShallow((state) => Object.values(state.homeservers).filter(showsDiagnosis).map((homeserver) => homeserver.group)),
  );

  const toggle = useCallback((group: string) => {
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (!next.delete(group)) next.add(group);
      return next;
    });
  }, []);

  if (failed) return null;

  if (loading) {
    return (
      <p className="list-loading" role="status">
        Loading monitors…
      </p>
    );
  }

  if (total === 0) {
    return (
      <EmptyState
        title="No monitors yet"
        actions={
          <>
            <button type="button" className="button-primary" onClick={onAdd}>
              Add monitor
            </button>
            {onAddHomeserver && (
              <button type="button" onClick={onAddHomeserver}>
                Add a Matrix homeserver
              </button>
            )}
          </>
        }
      >
        <p>
          Add a website, a TCP port or a TLS certificate and Picket checks it around the clock, keeping the history on this machine.
          {onAddHomeserver && ' For a Matrix homeserver, Picket finds its endpoints and sets up every check in one go.'}
        </p>
      </EmptyState>
    );
  }

  const shown = keys.filter((key) => key.startsWith('m:')).length;
  const rowHeight = (index: number): number => {
    const key = keys[index] ?? '';
    return key.startsWith('g:') && diagnosed.includes(key.slice(2)) ? DIAGNOSIS_ROW_HEIGHT : ROW_HEIGHT;
  };
  const renderRow = (index: number) => {
    const entry = parseEntryKey(keys[index] ?? '');
    return entry.kind === 'group' ? (
      <GroupHeader group={entry.group} index={index} total={keys.length} collapsed={collapsed.has(entry.group)} onToggle={toggle} />
    ) : (
      <MonitorRow client={client} id={entry.id} index={index} total={keys.length} unit={unit} onOpen={onOpen} />
    );
  };

  return (
    <section className="monitor-list" aria-label="Monitors">
      <ListToolbar query={query} onQuery={setQuery} unit={unit} onUnit={setUnit} counts={counts} />
      <p className="sr-only" role="status">
        {shown === total ? `${total} monitors` : `${shown} of ${total} monitors shown`}
      </p>
      {keys.length === 0 ? (
        <EmptyState
          title="No monitors match"
          actions={
            <button type="button" onClick={() => setQuery(DEFAULT_QUERY)}>
              Clear search and filter
            </button>
          }
        />
      ) : (
        <>
          <div className="list-head" aria-hidden="true">
            <span>State</span>
            <span>Monitor</span>
            <span className="col-num">Latency</span>
            <span className="col-num">24 h</span>
            <span className="col-num">30 d</span>
            <span className="col-bar">Last 90 {unit === 'hour' ? 'hours' : 'days'}</span>
            <span className="col-spark">Recent latency</span>
          </div>
          <VirtualList count={keys.length} rowHeight={diagnosed.length > 0 ? rowHeight : ROW_HEIGHT} label="Monitors" rowKey={(index) => keys[index] ?? String(index)} renderRow={renderRow} />
        </>
      )}
    </section>
  );
}
