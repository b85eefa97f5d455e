// The chart's time range as a row of toggle buttons (one pressed), operable with Tab and Enter/Space.
import type { HistoryRange } from '../../../../electron/shared/contract.ts';
import { DAY_MS, HOUR_MS } from '../../../../electron/shared/time.ts';

export const RANGES: ReadonlyArray<{ range: HistoryRange; label: string; spoken: string; spanMs: number }> = [
  { range: '1h', label: '1 h', spoken: 'the last hour', spanMs: HOUR_MS },
  { range: '24h', label: '24 h', spoken: 'the last 24 hours', spanMs: DAY_MS },
  { range: '7d', label: '7 d', spoken: 'the last 7 days', spanMs: 7 * DAY_MS },
  { range: '30d', label: '30 d', spoken: 'the last 30 days', spanMs: 30 * DAY_MS },
  { range: '1y', label: '1 y', spoken: 'the last year', spanMs: 365 * DAY_MS },
];

export function RangePicker({ value, onChange }: { value: HistoryRange; onChange: (range: HistoryRange) => void }) {
  return (
    <div className="range-picker" role="group" aria-label="Chart range">
      {RANGES.map((option) => (
        <button key={option.range} type="button" aria-pressed={option.range === value} onClick={() => onChange(option.range)}>
          {option.label}
        </button>
      ))}
    </div>
  );
}
