// Add or edit one alert channel: the provider's own fields (from its spec), validated as you type with the
// engine's rules, "Send test alert" with the provider's answer or error, and Save.
import { useState, type FormEvent } from 'react';
import { CHANNEL_SPECS, type ChannelField } from '../../../../electron/shared/channel-schema.ts';
import { ALERT_KINDS, CHANNEL_TYPES, type ChannelConfig, type ChannelTestOutcome, type ChannelType } from '../../../../electron/shared/channel-types.ts';
import { validateChannel } from '../../../../electron/shared/channel-validation.ts';
import type { PicketClient } from '../../../../electron/shared/contract.ts';
import { readContractError, type FieldIssue } from '../form/contract-error.ts';
import { channelFieldOfIssue, channelSlug, draftFromChannel, draftToChannel, emptyChannelDraft, type ChannelDraft } from './channel-draft.ts';

export interface ChannelFormProps {
  client: PicketClient;
  /** The channel being edited (secrets REDACTED), or null to add one. */
  initial: ChannelConfig | null;
  /** Host names Picket monitors: a Matrix channel on one of them goes down with what it watches. */
  monitoredHosts: ReadonlySet<string>;
  onDone: () => void;
}

const KIND_LABELS: Record<string, string> = {
  down: 'Down',
  recovered: 'Recovered',
  reminder: 'Still down (reminders)',
  certificate: 'Certificate expiry',
  'key-change': 'Signing key changed',
  'delegation-changed': 'Delegation changed',
  'answer-changed': 'Answer changed (DNS)',
};

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export function ChannelForm({ client, initial, monitoredHosts, onDone }: ChannelFormProps) {
  const editing = initial !== null;
  const [draft, setDraft] = useState<ChannelDraft>(() => (initial ? draftFromChannel(initial) : emptyChannelDraft()));
  const [touched, setTouched] = useState<Set<string>>(() => new Set(editing ? ['*'] : []));
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [status, setStatus] = useState<{ kind: 'error' | 'saving' | 'testing' | 'tested'; text: string; ok?: boolean } | null>(null);

  const config = draftToChannel(draft);
  // Validated on every change, as the engine would: only fields already touched show their messages.
  const validated = validateChannel(config, '');
  const localIssues = validated.ok ? [] : validated.issues;
  const issues = [...localIssues, ...serverIssues];
  const errorsFor = (field: string): string[] =>
    touched.has('*') || touched.has(field) ? [...new Set(issues.filter((issue) => channelFieldOfIssue(issue.path) === field).map((issue) => issue.message))] : [];

  const change = (patch: Partial<ChannelDraft>, field: string): void => {
    setDraft((current) => ({ ...current, ...patch }));
    setTouched((current) => new Set([...current, field]));
    setServerIssues((current) => current.filter((issue) => channelFieldOfIssue(issue.path) !== field));
    setStatus(null);
  };
  const setValue = (name: string, value: string): void => change({ values: { ...draft.values, [name]: value } }, name);

  const matrixHost = draft.type === 'matrix' ? hostOf(draft.values.homeserverUrl ?? '') : undefined;
  const sameServer = matrixHost !== undefined && monitoredHosts.has(matrixHost);

  const test = async (): Promise<void> => {
    setTouched(new Set(['*']));
    if (localIssues.length > 0) {
      setStatus({ kind: 'error', text: 'Fix the fields marked below first.' });
      return;
    }
    setStatus({ kind: 'testing', text: 'Sending a test alert…' });
    try {
      const outcome: ChannelTestOutcome = await client.request('testChannel', { channel: config });
      setStatus({ kind: 'tested', ok: outcome.ok, text: outcome.ok ? `Sent: ${outcome.detail}` : `Failed: ${outcome.detail}` });
    } catch (reason) {
      const error = readContractError(reason);
      setServerIssues(error.issues);
      setStatus({ kind: 'error', text: error.message });
    }
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTouched(new Set(['*']));
    if (localIssues.length > 0) {
      setStatus({ kind: 'error', text: 'Not saved: see the fields marked below.' });
      return;
    }
    setStatus({ kind: 'saving', text: 'Saving…' });
    try {
      await client.request('saveChannel', { channel: config });
      onDone();
    } catch (reason) {
      const error = readContractError(reason);
      setServerIssues(error.issues);
      setStatus({ kind: 'error', text: `Not saved: ${error.issues.length > 0 ? 'see the fields marked below.' : error.message}` });
    }
  };

  const spec = CHANNEL_SPECS[draft.type];
  return (
    <form className="channel-form" noValidate aria-label={editing ? `Edit channel ${initial.name}` : 'Add an alert channel'} onSubmit={(event) => void submit(event)}>
      <div className="settings-field">
        <label htmlFor="channel-type">Provider</label>
        <select id="channel-type" value={draft.type} disabled={editing} onChange={(event) => change({ type: event.target.value as ChannelType, values: {} }, 'type')}>
          {CHANNEL_TYPES.map((type) => (
            <option key={type} value={type}>
              {CHANNEL_SPECS[type].label}
            </option>
          ))}
        </select>
      </div>
      <Input
        id="name"
        label="Name"
        value={draft.name}
        errors={errorsFor('name')}
        onChange={(name) => change(editing || draft.idEdited ? { name } : { name, id: channelSlug(name) }, 'name')}
      />
      <Input id="id" label="Id" value={draft.id} readOnly={editing} hint="Monitors name channels by it." errors={errorsFor('id')} onChange={(id) => change({ id, idEdited: id !== '' }, 'id')} />
      {spec.fields.map((field) => (
        <ProviderField key={`${draft.type}-${field.name}`} field={field} value={draft.values[field.name] ?? ''} errors={errorsFor(field.name)} onChange={(value) => setValue(field.name, value)} />
      ))}
      {draft.type === 'command' && (
        <p className="channel-warning" role="note">
          A command runs a program on the machine Picket runs on, so it is added or changed only in the config file given to <code>picket run</code> or{' '}
          <code>picket serve --config</code>. Here you can rename, test or remove one.
        </p>
      )}
      {sameServer && (
        <p className="channel-warning" role="note">
          Picket monitors {matrixHost}: when that server is down, this channel is down with it. Add a second channel elsewhere (a phone, mail).
        </p>
      )}
      <div className="settings-check">
        <input id="channel-default" type="checkbox" checked={draft.isDefault} onChange={(event) => change({ isDefault: event.target.checked }, 'default')} />
        <label htmlFor="channel-default">Default channel: every monitor&apos;s alerts unless a monitor names its own</label>
      </div>
      <fieldset className="settings-group">
        <legend>Alerts it carries</legend>
        <div className="settings-check">
          <input id="channel-all-kinds" type="checkbox" checked={draft.kinds === null} onChange={(event) => change({ kinds: event.target.checked ? null : [...ALERT_KINDS] }, 'kinds')} />
          <label htmlFor="channel-all-kinds">All of them</label>
        </div>
        {draft.kinds !== null &&
          ALERT_KINDS.map((kind) => (
            <div className="settings-check" key={kind}>
              <input
                id={`channel-kind-${kind}`}
                type="checkbox"
                checked={draft.kinds?.includes(kind) ?? false}
                onChange={(event) => change({ kinds: event.target.checked ? [...(draft.kinds ?? []), kind] : (draft.kinds ?? []).filter((k) => k !== kind) }, 'kinds')}
              />
              <label htmlFor={`channel-kind-${kind}`}>{KIND_LABELS[kind] ?? kind}</label>
            </div>
          ))}
        <FieldErrors id="kinds" errors={errorsFor('kinds')} />
      </fieldset>
      <div className="settings-actions">
        <button type="button" onClick={() => void test()} disabled={status?.kind === 'testing' || status?.kind === 'saving'}>
          Send test alert
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={status?.kind === 'saving'}>
          {editing ? 'Save channel' : 'Add channel'}
        </button>
      </div>
      {status && (
        <p role={status.kind === 'error' || status.ok === false ? 'alert' : 'status'} className={`settings-status channel-status-${status.ok === false ? 'failed' : status.kind}`}>
          {status.text}
        </p>
      )}
    </form>
  );
}

function ProviderField({ field, value, errors, onChange }: { field: ChannelField; value: string; errors: string[]; onChange: (value: string) => void }) {
  const label = `${field.label}${field.required ? '' : ' (optional)'}`;
  if (field.kind === 'select') {
    const id = `channel-${field.name}`;
    return (
      <div className="settings-field">
        <label htmlFor={id}>{label}</label>
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
          {!field.required && <option value="">(default)</option>}
          {field.required && value === '' && <option value="">Choose…</option>}
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        {field.help && <p className="field-hint">{field.help}</p>}
        <FieldErrors id={field.name} errors={errors} />
      </div>
    );
  }
  return (
    <Input
      id={field.name}
      label={label}
      value={value}
      multiline={field.kind === 'map'}
      type={field.kind === 'secret' ? 'password' : field.kind === 'number' ? 'text' : 'text'}
      {...(field.placeholder !== undefined ? { placeholder: field.placeholder } : {})}
      {...(field.help !== undefined ? { hint: field.help } : field.secret ? { hint: 'Kept secret: never shown again, left out of exports.' } : {})}
      errors={errors}
      onChange={onChange}
    />
  );
}

interface InputProps {
  id: string;
  label: string;
  value: string;
  errors: string[];
  onChange: (value: string) => void;
  hint?: string;
  placeholder?: string;
  readOnly?: boolean;
  multiline?: boolean;
  type?: 'text' | 'password';
}

function Input({ id, label, value, errors, onChange, hint, placeholder, readOnly, multiline, type = 'text' }: InputProps) {
  const inputId = `channel-${id}`;
  const describedBy = [hint ? `${inputId}-hint` : '', errors.length > 0 ? `${inputId}-errors` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id: inputId,
    value,
    placeholder,
    readOnly,
    'aria-invalid': errors.length > 0 || undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div className="settings-field">
      <label htmlFor={inputId}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type={type} autoComplete={type === 'password' ? 'off' : undefined} onChange={(event) => onChange(event.target.value)} />
      )}
      {hint && (
        <p id={`${inputId}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <FieldErrors id={id} errors={errors} />
    </div>
  );
}

function FieldErrors({ id, errors }: { id: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <ul id={`channel-${id}-errors`} className="field-errors">
      {errors.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
