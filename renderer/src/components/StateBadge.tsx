// A monitor's state as an icon AND a word, so it reads without colour (colour-blind users, print, mono).
import type { MonitorState } from '../../../electron/shared/types.ts';
import { STATE_LABEL } from './state-meta.ts';
import './components.css';

export function StateIcon({ state }: { state: MonitorState }) {
  return (
    <svg className={`state-icon state-${state}`} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {state === 'up' && (
        <>
          <circle cx="8" cy="8" r="7" className="state-icon-fill" />
          <path d="M4.5 8.2l2.3 2.3 4.7-4.8" className="state-icon-mark" />
        </>
      )}
      {state === 'down' && (
        <>
          <circle cx="8" cy="8" r="7" className="state-icon-fill" />
          <path d="M5.3 5.3l5.4 5.4M10.7 5.3l-5.4 5.4" className="state-icon-mark" />
        </>
      )}
      {state === 'warning' && (
        <>
          <path d="M8 1.2l7 13.3H1z" className="state-icon-fill" />
          <path d="M8 6v4M8 12v.6" className="state-icon-mark" />
        </>
      )}
      {state === 'pending' && (
        <>
          <circle cx="8" cy="8" r="6.3" className="state-icon-ring" />
          <path d="M8 4.5V8l2.5 1.5" className="state-icon-stroke" />
        </>
      )}
      {state === 'paused' && (
        <>
          <circle cx="8" cy="8" r="6.3" className="state-icon-ring" />
          <path d="M6.4 5.3v5.4M9.6 5.3v5.4" className="state-icon-stroke" />
        </>
      )}
      {state === 'unknown' && (
        <>
          <circle cx="8" cy="8" r="6.3" className="state-icon-ring state-icon-dashed" />
          <path d="M6.2 6.3a1.9 1.9 0 113 1.5c-.8.5-1.2.9-1.2 1.7M8 11.4v.5" className="state-icon-stroke" />
        </>
      )}
    </svg>
  );
}

export function StateBadge({ state }: { state: MonitorState }) {
  return (
    <span className={`state-badge state-${state}`}>
      <StateIcon state={state} />
      <span className="state-word">{STATE_LABEL[state]}</span>
    </span>
  );
}
