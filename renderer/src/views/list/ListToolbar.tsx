// Search, state filter, sort, and the hours/days switch of the uptime bars. Every control has a label.
import type { BarUnit } from '../../components/UptimeBar.tsx';
import { STATE_LABEL, STATES_BY_SEVERITY } from '../../components/state-meta.ts';
import type { StateCounts } from '../../store/monitors-store.ts';
import type { ListQuery, SortKey, StateFilter } from './list-model.ts';

export interface ListToolbarProps {
  query: ListQuery;
  onQuery: (query: ListQuery) => void;
  unit: BarUnit;
  onUnit: (unit: BarUnit) => void;
  counts: StateCounts;
}

const SORT_LABEL: Record<SortKey, string> = { state: 'Down first', name: 'Name', latency: 'Slowest first', uptime: 'Lowest uptime first' };

export function ListToolbar({ query, onQuery, unit, onUnit, counts }: ListToolbarProps) {
  return (
    <div className="list-toolbar" role="search">
      <label className="field field-search">
        <span className="field-label">Search</span>
        <input type="search" placeholder="Name or target" value={query.search} onChange={(e) => onQuery({ ...query, search: e.target.value })} />
      </label>
      <label className="field">
        <span className="field-label">State</span>
        <select value={query.state} onChange={(e) => onQuery({ ...query, state: e.target.value as StateFilter })}>
          <option value="all">All states</option>
          {STATES_BY_SEVERITY.map((state) => (
            <option key={state} value={state}>
              {STATE_LABEL[state]} ({counts[state]})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Sort</span>
        <select value={query.sort} onChange={(e) => onQuery({ ...query, sort: e.target.value as SortKey })}>
          {(Object.keys(SORT_LABEL) as SortKey[]).map((key) => (
            <option key={key} value={key}>
              {SORT_LABEL[key]}
            </option>
          ))}
        </select>
      </label>
      <div className="segmented" role="group" aria-label="Uptime bar shows">
        {(['hour', 'day'] as const).map((value) => (
          <button key={value} type="button" aria-pressed={unit === value} onClick={() => onUnit(value)}>
            90 {value === 'hour' ? 'hours' : 'days'}
          </button>
        ))}
      </div>
    </div>
  );
}
