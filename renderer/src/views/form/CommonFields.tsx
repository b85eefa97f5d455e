// Fields every monitor type has: what it is called and how often and how patiently it is checked.
import { DEFAULT_INTERVAL_SECONDS, DEFAULT_TIMEOUT_SECONDS } from '../../../../electron/shared/defaults.ts';
import { monitorTypeSpec } from '../../../../electron/shared/monitor-types/registry.ts';
import { slugify } from './form-model.ts';
import { TextField, type FormBinding } from './FormField.tsx';

export function IdentityFields({ form, editing }: { form: FormBinding; editing: boolean }) {
  const { draft } = form;
  return (
    <fieldset className="form-section">
      <legend>Monitor</legend>
      <TextField
        form={form}
        field="name"
        draftKey="name"
        label="Name"
        placeholder="My API"
        // While adding, the id follows the name until the user types one of their own.
        onEdit={(name) => (editing || draft.idEdited ? { name } : { name, id: slugify(name) })}
      />
      <TextField
        form={form}
        field="id"
        draftKey="id"
        label="Id"
        required={!editing}
        readOnly={editing}
        className={editing ? 'form-field-fixed' : undefined}
        hint={editing ? 'Fixed: history is kept under the id, so it cannot change.' : 'Letters, digits, ".", "-" and "_". Made from the name unless you change it.'}
        onEdit={(id) => ({ id, idEdited: id !== '' })}
      />
      <TextField form={form} field="group" draftKey="group" label="Group" hint="Monitors with the same group are shown together." />
    </fieldset>
  );
}

export function ScheduleFields({ form }: { form: FormBinding }) {
  const interval = Number(form.draft.intervalSeconds) || DEFAULT_INTERVAL_SECONDS;
  const threshold = monitorTypeSpec(form.draft.type).defaultFailureThreshold;
  return (
    <fieldset className="form-section form-grid">
      <legend>Checks and alerts</legend>
      <TextField form={form} field="intervalSeconds" draftKey="intervalSeconds" label="Interval (seconds)" type="number" placeholder={String(DEFAULT_INTERVAL_SECONDS)} hint={`Default: ${DEFAULT_INTERVAL_SECONDS}`} />
      <TextField
        form={form}
        field="timeoutSeconds"
        draftKey="timeoutSeconds"
        label="Timeout (seconds)"
        type="number"
        placeholder={String(Math.min(DEFAULT_TIMEOUT_SECONDS, interval))}
        hint={`Default: ${Math.min(DEFAULT_TIMEOUT_SECONDS, interval)}, never longer than the interval`}
      />
      <TextField
        form={form}
        field="failureThreshold"
        draftKey="failureThreshold"
        label="Failure threshold"
        type="number"
        placeholder={String(threshold)}
        hint={`Failures in a row before it is down. Default: ${threshold}`}
      />
      <TextField
        form={form}
        field="reminderIntervalMinutes"
        draftKey="reminderIntervalMinutes"
        label="Reminder interval (minutes)"
        type="number"
        placeholder="0"
        hint="Alert again every N minutes while down. Default: 0 (never)"
      />
    </fieldset>
  );
}
