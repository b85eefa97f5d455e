// The chart's time range as a row of toggle buttons (one pressed), operable with Tab and Enter/Space.
import type { HistoryRange } from '../../../../electron/shared/contract.ts';

export const RANGES: ReadonlyArray<{ range: HistoryRange; label: string; spoken: string; spanMs: number }> = [
  { range: '1h', label: '1 h', spoken: 'the last hour', spanMs: 3_600_000 },
  { range: '24h', label: '24 h', spoken: 'the last 24 hours', spanMs: 86_400_000 },
  { range: '7d', label: '7 d', spoken: 'the last 7 days', spanMs: 7 * 86_400_000 },
  { range: '30d', label: '30 d', spoken: 'the last 30 days', spanMs: 30 * 86_400_000 },
  { range: '1y', label: '1 y', spoken: 'the last year', spanMs: 365 * 86_400_000 },
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
