// A collapsible group heading (a homeserver's monitors, say) with how many it holds and how many are down,
// so a collapsed group still says when something inside it needs attention. A homeserver's group adds its
// diagnosis: what the states together most likely mean, and what to do.
import { memo, useId } from 'react';
import { useGroupTotals, useHomeserver } from '../../store/monitors-store.ts';
import { DiagnosisDetails, DiagnosisVerdict, showsDiagnosis } from '../homeserver/GroupDiagnosis.tsx';
import { UNGROUPED } from './list-model.ts';

export interface GroupHeaderProps {
  group: string;
  index: number;
  total: number;
  collapsed: boolean;
  onToggle: (group: string) => void;
}

export const GroupHeader = memo(function GroupHeader({ group, index, total, collapsed, onToggle }: GroupHeaderProps) {
  const { count, down } = useGroupTotals(group);
  const homeserver = useHomeserver(group);
  const detailsId = useId();
  const details = showsDiagnosis(homeserver);
  const name = group === UNGROUPED ? 'Ungrouped' : group;
  return (
    <div role="listitem" aria-setsize={total} aria-posinset={index + 1} className={details ? 'group-row-item has-diagnosis' : 'group-row-item'}>
      <button
        type="button"
        className="group-row"
        data-row-index={index}
        aria-expanded={!collapsed}
        aria-describedby={details ? detailsId : undefined}
        onClick={() => onToggle(group)}
      >
        <span className="group-chevron" aria-hidden="true">
          {collapsed ? '▸' : '▾'}
        </span>
        <span className="group-name">{name}</span>
        <span className="group-count">
          {count} {count === 1 ? 'monitor' : 'monitors'}
        </span>
        {down > 0 && <span className="group-down">{down} down</span>}
        {homeserver && <DiagnosisVerdict homeserver={homeserver} />}
      </button>
      {homeserver && details && <DiagnosisDetails homeserver={homeserver} id={detailsId} />}
    </div>
  );
});
