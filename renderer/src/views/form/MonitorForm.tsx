// Add or edit one monitor. Messages come from the engine's own schema (validateMonitor) as the user types,
// on submit, and from the engine itself when it refuses (ContractError.issues), all under the field they name.
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { MonitorConfig } from '../../../../electron/shared/config-validation.ts';
import type { MonitorView, PicketClient } from '../../../../electron/shared/contract.ts';
import type { CheckResult, MonitorType } from '../../../../electron/shared/types.ts';
import { MONITOR_TYPES, monitorTypeSpec } from '../../../../electron/shared/monitor-types/registry.ts';
import type { MonitorTypeForm, MonitorTypeOffer } from '../../../../electron/shared/monitor-types/monitor-type-spec.ts';
import { TYPE_LABEL } from '../../components/monitor-type.ts';
import { SpecFields } from './SpecFields.tsx';
import { ChannelPicker } from '../channels/ChannelPicker.tsx';
import { IdentityFields, ScheduleFields } from './CommonFields.tsx';
import { readContractError, type FieldIssue } from './contract-error.ts';
import { EndpointFields } from './EndpointFields.tsx';
import { draftFromConfig, draftToConfig, emptyDraft, fieldOfIssue, type MonitorDraft } from './form-model.ts';
import { fieldId, type FormBinding } from './FormField.tsx';
import { HttpFields } from './HttpFields.tsx';
import { MatrixEndpointNote } from './MatrixEndpointNote.tsx';
import { TestResultPanel } from './TestResultPanel.tsx';
import { loadValidators, type Validators } from './load-validation.ts';
import { issuesByField, shownFields, validateDraft } from './validate-draft.ts';
import './form.css';

/** Long enough not to flash a message at every keystroke, short enough to feel live. */
export const VALIDATE_DELAY_MS = 300;

export interface MonitorFormProps {
  client: PicketClient;
  /** The monitor being edited; absent when adding a new one. */
  initial?: MonitorConfig;
  onSaved: (view: MonitorView) => void;
  onCancel: () => void;
}

// The types the picker offers, in registry order. The Matrix types are not offered: a homeserver group makes
// them from discovery ("Add a Matrix homeserver").
const TYPES: ReadonlyArray<{ type: MonitorType } & MonitorTypeOffer> = MONITOR_TYPES.flatMap((type) => {
  const form = monitorTypeSpec(type).form;
  return form.editor === 'managed' ? [] : [{ type, ...form.offer }];
});

/** The editor of a type's own fields, by the editor its spec names. */
const EDITORS: Record<MonitorTypeForm['editor'], (props: { form: FormBinding }) => ReactNode> = {
  http: HttpFields,
  port: EndpointFields,
  certificate: EndpointFields,
  managed: MatrixEndpointNote,
  fields: SpecFields,
};

type TestState = { running: true } | { result: CheckResult } | null;

export function MonitorForm({ client, initial, onSaved, onCancel }: MonitorFormProps) {
  const editing = initial !== undefined;
  const [draft, setDraft] = useState<MonitorDraft>(() => (initial ? draftFromConfig(initial) : emptyDraft('http')));
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  // After a submit or a test, every local message shows, not only those of fields already edited.
  const [showAll, setShowAll] = useState(false);
  const [localIssues, setLocalIssues] = useState<FieldIssue[]>([]);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  // The engine's refusal of the last save or test; `withIssues` when it named fields (then shown under them).
  const [refusal, setRefusal] = useState<{ what: string; message: string; withIssues: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const [test, setTest] = useState<TestState>(null);
  // undefined while loading; null when this window cannot run them (see load-validation.ts).
  const [validators, setValidators] = useState<Validators | null | undefined>(undefined);

  useEffect(() => {
    let current = true;
    void loadValidators().then((loaded) => current && setValidators(loaded));
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    if (!validators) return;
    const timer = setTimeout(() => setLocalIssues(validateDraft(validators, draft)), VALIDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, validators]);

  const visibleIssues = useMemo(
    () => [...localIssues.filter((issue) => showAll || touched.has(fieldOfIssue(issue.path))), ...serverIssues],
    [localIssues, serverIssues, showAll, touched],
  );
  const byField = useMemo(() => issuesByField(visibleIssues), [visibleIssues]);
  const fields = shownFields(draft.type);
  const unplaced = visibleIssues.filter((issue) => !fields.has(fieldOfIssue(issue.path)));
  // Derived, not stored: the banner counts the problems left now, and goes once they are fixed.
  const localCount = showAll ? localIssues.length : 0;
  const formError =
    localCount > 0
      ? `Please fix ${localCount === 1 ? 'the field' : `the ${localCount} fields`} marked below.`
      : refusal && (!refusal.withIssues || serverIssues.length > 0)
        ? `${refusal.what}: ${refusal.withIssues ? 'see the fields marked below.' : refusal.message}`
        : null;

  const form: FormBinding = {
    draft,
    update: (patch, field) => {
      setDraft((current) => ({ ...current, ...patch }));
      setTouched((current) => (current.has(field) ? current : new Set(current).add(field)));
      // The engine's verdict was on the old value; the local check takes over for this field.
      setServerIssues((current) => current.filter((issue) => fieldOfIssue(issue.path) !== field));
      // A refusal without fields ("already exists") was about the old draft.
      setRefusal((current) => (current?.withIssues ? current : null));
      setTest(null);
    },
    errorsFor: (field) => byField.get(field) ?? [],
  };

  /** Validates now (not debounced); resolves to the config, or null after showing the problems. */
  const checkedConfig = async (): Promise<MonitorConfig | null> => {
    const loaded = validators ?? (await loadValidators());
    // Without local validators the engine is the judge: its issues land under the fields all the same.
    const issues = loaded ? validateDraft(loaded, draft) : [];
    setLocalIssues(issues);
    setShowAll(true);
    setRefusal(null);
    if (issues.length === 0) return draftToConfig(draft);
    const first = issues.map((issue) => fieldOfIssue(issue.path)).find((field) => fields.has(field));
    if (first) document.getElementById(fieldId(first))?.focus();
    return null;
  };

  const showRefusal = (reason: unknown, what: string) => {
    const error = readContractError(reason);
    setServerIssues(error.issues);
    setRefusal({ what, message: error.message, withIssues: error.issues.length > 0 });
  };

  const runTest = async () => {
    const monitor = await checkedConfig();
    if (!monitor) return;
    setTest({ running: true });
    client.request('testMonitor', { monitor }).then(
      (result) => setTest({ result }),
      (reason: unknown) => {
        setTest(null);
        showRefusal(reason, 'The test did not run');
      },
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const monitor = await checkedConfig();
    if (!monitor) return;
    setSaving(true);
    const saved = editing ? client.request('editMonitor', { monitor }) : client.request('addMonitor', { monitor });
    saved.then(
      (view) => {
        setSaving(false);
        onSaved(view);
      },
      (reason: unknown) => {
        setSaving(false);
        showRefusal(reason, 'Not saved');
      },
    );
  };

  return (
    <form className="monitor-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="monitor-form-title">
      <h1 id="monitor-form-title">{editing ? `Edit ${initial.name ?? initial.id}` : 'Add monitor'}</h1>

      {formError && (
        <div role="alert" className="form-alert">
          <p>{formError}</p>
          {unplaced.length > 0 && (
            <ul>
              {unplaced.map((issue) => (
                <li key={`${issue.path}:${issue.message}`}>
                  {issue.path ? `${issue.path}: ` : ''}
                  {issue.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {validators === null && (
        <p className="field-hint">Live checks are not available in this window: the engine checks the monitor when you test or save it.</p>
      )}

      {editing ? (
        <p className="form-type">
          Type: <strong>{TYPES.find((t) => t.type === draft.type)?.label ?? TYPE_LABEL[draft.type]}</strong>
        </p>
      ) : (
        <fieldset className="form-section type-picker">
          <legend>What to watch</legend>
          {TYPES.map((option) => (
            <label key={option.type} className="type-option">
              <input type="radio" name="monitor-type" value={option.type} checked={draft.type === option.type} onChange={() => form.update({ type: option.type }, 'type')} />
              <span>
                <strong>{option.label}</strong> <span className="field-hint">{option.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}

      <IdentityFields form={form} editing={editing} />
      <TypeEditor form={form} />
      <ScheduleFields form={form} />
      <ChannelPicker
        client={client}
        idPrefix="monitor-channels"
        value={draft.channels}
        defaultLabel={draft.group.trim() !== '' ? 'Its group\'s channels, else the default ones' : 'The default channels'}
        onChange={(channels) => form.update({ channels }, 'channels')}
      />

      <section className="form-test" aria-label="Test result" aria-live="polite">
        {test && 'running' in test && <p className="field-hint">Testing…</p>}
        {test && 'result' in test && <TestResultPanel result={test.result} />}
      </section>

      <div className="form-actions">
        <button type="button" onClick={() => void runTest()} disabled={saving || (test !== null && 'running' in test)}>
          Test now
        </button>
        <span className="form-actions-spacer" />
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : editing ? 'Save changes' : 'Add monitor'}
        </button>
      </div>
    </form>
  );
}

function TypeEditor({ form }: { form: FormBinding }) {
  const Editor = EDITORS[monitorTypeSpec(form.draft.type).form.editor];
  return <Editor form={form} />;
}
