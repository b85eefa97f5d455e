// Notifications, start-up, reminders, retention and theme -> one updateSettings with only what changed.
// Engine settings are checked with the engine's validateSettings first, so messages match the engine's.
import { useState, type FormEvent } from 'react';
import type { AppSettings, PicketClient } from '../../../../electron/shared/contract.ts';
import type { Settings } from '../../../../electron/shared/types.ts';
import { readContractError, type FieldIssue } from '../form/contract-error.ts';
import { loadValidators } from '../form/load-validation.ts';

type Theme = AppSettings['theme'];

interface PreferencesDraft {
  notificationsEnabled: boolean;
  notificationSound: boolean;
  startAtLogin: boolean;
  theme: Theme;
  defaultExpiryWarningDays: string;
  rawRetentionDays: string;
  rollupRetentionDays: string;
}

function draftOf(settings: AppSettings): PreferencesDraft {
  return {
    notificationsEnabled: settings.notificationsEnabled,
    notificationSound: settings.notificationSound,
    startAtLogin: settings.startAtLogin,
    theme: settings.theme,
    defaultExpiryWarningDays: settings.defaultExpiryWarningDays.join(', '),
    rawRetentionDays: String(settings.rawRetentionDays),
    rollupRetentionDays: String(settings.rollupRetentionDays),
  };
}

/** Text that is not a number is passed on as typed, so the schema names the problem ("must be integer"). */
const numberOrText = (value: string): number | string => (value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value.trim());
const daysList = (value: string): Array<number | string> =>
  value
    .split(/[\s,]+/)
    .filter((item) => item !== '')
    .map(numberOrText);

/** Only the fields that differ from the current settings. */
function patchOf(draft: PreferencesDraft, settings: AppSettings): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of ['notificationsEnabled', 'notificationSound', 'startAtLogin', 'theme'] as const) {
    if (draft[key] !== settings[key]) patch[key] = draft[key];
  }
  for (const key of ['rawRetentionDays', 'rollupRetentionDays'] as const) {
    if (draft[key].trim() !== String(settings[key])) patch[key] = numberOrText(draft[key]);
  }
  const days = daysList(draft.defaultExpiryWarningDays);
  if (JSON.stringify(days) !== JSON.stringify(settings.defaultExpiryWarningDays)) patch.defaultExpiryWarningDays = days;
  return patch;
}

/** "patch.defaultExpiryWarningDays[2]" (engine) or "patch.rawRetentionDays" -> the setting it names. */
const settingOfIssue = (path: string): string => path.replace(/^(patch|settings)\./, '').replace(/\[\d+\].*$/, '');

const ENGINE_KEYS = new Set(['rawRetentionDays', 'rollupRetentionDays', 'defaultExpiryWarningDays']);

export function PreferencesForm({ client, settings, inBrowser = false }: { client: PicketClient; settings: AppSettings; inBrowser?: boolean }) {
  const [draft, setDraft] = useState(() => draftOf(settings));
  // What the engine last said the settings are (the prop, or what a save returned): changes are relative to it.
  const [baseline, setBaseline] = useState(settings);
  const [dirty, setDirty] = useState(false);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [status, setStatus] = useState<{ kind: 'saved' | 'error' | 'saving'; text: string } | null>(null);

  // Settings changed elsewhere (the tray, another window) show up here unless the user is mid-edit. Adjusted while
  // rendering, as React advises for state that follows a prop: no effect, no extra render with the stale draft.
  const [shownSettings, setShownSettings] = useState(settings);
  if (shownSettings !== settings) {
    setShownSettings(settings);
    setBaseline(settings);
    if (!dirty) setDraft(draftOf(settings));
  }

  const change = (patch: Partial<PreferencesDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setDirty(true);
    setStatus(null);
    setIssues((current) => current.filter((issue) => !(settingOfIssue(issue.path) in patch)));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const patch = patchOf(draft, baseline);
    if (Object.keys(patch).length === 0) {
      setStatus({ kind: 'saved', text: 'Nothing changed.' });
      return;
    }
    const engineFields = Object.fromEntries(Object.entries(patch).filter(([key]) => ENGINE_KEYS.has(key)));
    // Without local validators (see load-validation.ts) the engine checks the same schema and says the same.
    const validators = await loadValidators();
    const checked = validators ? validators.validateSettings(engineFields, 'patch') : ({ ok: true } as const);
    if (!checked.ok) {
      setIssues(checked.issues);
      setStatus({ kind: 'error', text: 'Not saved: see the fields marked below.' });
      return;
    }
    setStatus({ kind: 'saving', text: 'Saving…' });
    client.request('updateSettings', { patch }).then(
      (saved) => {
        setBaseline(saved);
        setDraft(draftOf(saved));
        setDirty(false);
        setIssues([]);
        setStatus({ kind: 'saved', text: 'Settings saved.' });
      },
      (reason: unknown) => {
        const error = readContractError(reason);
        setIssues(error.issues);
        setStatus({ kind: 'error', text: `Not saved: ${error.issues.length > 0 ? 'see the fields marked below.' : error.message}` });
      },
    );
  };

  const errorsFor = (setting: keyof PreferencesDraft | keyof Settings): string[] =>
    issues.filter((issue) => settingOfIssue(issue.path) === setting).map((issue) => issue.message);
  const unplaced = issues.filter((issue) => !(settingOfIssue(issue.path) in draft));

  return (
    <form className="settings-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="settings-preferences">
      <h2 id="settings-preferences">Preferences</h2>
      {/* Desktop notifications and their sound exist only in the app; in a browser, alert channels do that job. */}
      {!inBrowser && (
        <fieldset className="settings-group">
          <legend>Notifications</legend>
          <Check id="notificationsEnabled" label="Show notifications" checked={draft.notificationsEnabled} onChange={(v) => change({ notificationsEnabled: v })} />
          <Check
            id="notificationSound"
            label="Play a sound"
            checked={draft.notificationSound}
            disabled={!draft.notificationsEnabled}
            onChange={(v) => change({ notificationSound: v })}
          />
        </fieldset>
      )}
      {!inBrowser && (
        <fieldset className="settings-group">
          <legend>Start-up</legend>
          <Check id="startAtLogin" label="Start Picket at login" checked={draft.startAtLogin} onChange={(v) => change({ startAtLogin: v })} />
        </fieldset>
      )}
      <fieldset className="settings-group">
        <legend>Theme</legend>
        {(['system', 'light', 'dark'] as const).map((theme) => (
          <label key={theme} className="settings-radio">
            <input type="radio" name="settings-theme" value={theme} checked={draft.theme === theme} onChange={() => change({ theme })} />
            {theme === 'system' ? 'Follow the system' : theme === 'light' ? 'Light' : 'Dark'}
          </label>
        ))}
      </fieldset>
      <fieldset className="settings-group settings-grid">
        <legend>Certificates and history</legend>
        <TextSetting
          id="defaultExpiryWarningDays"
          label="Default reminder days"
          hint="Days before a certificate expires to remind you, separated by commas."
          value={draft.defaultExpiryWarningDays}
          errors={errorsFor('defaultExpiryWarningDays')}
          onChange={(v) => change({ defaultExpiryWarningDays: v })}
        />
        <TextSetting
          id="rawRetentionDays"
          label="Keep raw results (days)"
          hint="Every single check result; at least 1."
          value={draft.rawRetentionDays}
          numeric
          errors={errorsFor('rawRetentionDays')}
          onChange={(v) => change({ rawRetentionDays: v })}
        />
        <TextSetting
          id="rollupRetentionDays"
          label="Keep rollups (days)"
          hint="Minute, hour and day summaries behind the charts and uptime."
          value={draft.rollupRetentionDays}
          numeric
          errors={errorsFor('rollupRetentionDays')}
          onChange={(v) => change({ rollupRetentionDays: v })}
        />
      </fieldset>
      <div className="settings-actions">
        <button type="submit" className="primary" disabled={status?.kind === 'saving'}>
          Save settings
        </button>
        <p role={status?.kind === 'error' ? 'alert' : 'status'} className={`settings-status settings-status-${status?.kind ?? 'none'}`}>
          {status?.text}
        </p>
      </div>
      {unplaced.length > 0 && (
        <ul className="settings-issues">
          {unplaced.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {issue.path}: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

function Check({ id, label, checked, disabled, onChange }: { id: string; label: string; checked: boolean; disabled?: boolean; onChange: (value: boolean) => void }) {
  return (
    <div className="settings-check">
      <input id={`setting-${id}`} type="checkbox" checked={checked} disabled={disabled} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={`setting-${id}`}>{label}</label>
    </div>
  );
}

interface TextSettingProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  numeric?: boolean;
  errors: string[];
  onChange: (value: string) => void;
}

function TextSetting({ id, label, hint, value, numeric, errors, onChange }: TextSettingProps) {
  const inputId = `setting-${id}`;
  return (
    <div className="settings-field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        value={value}
        inputMode={numeric ? 'numeric' : 'text'}
        aria-invalid={errors.length > 0 ? true : undefined}
        aria-describedby={`${errors.length > 0 ? `${inputId}-error ` : ''}${inputId}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={`${inputId}-hint`} className="settings-hint">
        {hint}
      </p>
      {errors.length > 0 && (
        <p id={`${inputId}-error`} className="settings-error">
          <span aria-hidden="true">⚠ </span>
          {errors.join('; ')}
        </p>
      )}
    </div>
  );
}
