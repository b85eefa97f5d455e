// Request headers as name/value rows; empty names are left out of the config.
import { headerRow } from './form-model.ts';
import { FieldErrors, fieldId, type FormBinding } from './FormField.tsx';

export function HeaderRows({ form }: { form: FormBinding }) {
  const rows = form.draft.headers;
  const errors = form.errorsFor('headers');
  const setRows = (headers: typeof rows) => form.update({ headers }, 'headers');
  return (
    <fieldset className="form-subsection" id={fieldId('headers')} aria-describedby={errors.length > 0 ? `${fieldId('headers')}-error` : undefined}>
      <legend>Headers</legend>
      {rows.length === 0 && <p className="field-hint">No extra headers.</p>}
      {rows.map((row, index) => (
        <div key={row.key} className="header-row">
          <input
            aria-label={`Header ${index + 1} name`}
            placeholder="Name"
            value={row.name}
            spellCheck={false}
            onChange={(event) => setRows(rows.map((r) => (r.key === row.key ? { ...r, name: event.target.value } : r)))}
          />
          <input
            aria-label={`Header ${index + 1} value`}
            placeholder="Value"
            value={row.value}
            spellCheck={false}
            onChange={(event) => setRows(rows.map((r) => (r.key === row.key ? { ...r, value: event.target.value } : r)))}
          />
          <button type="button" aria-label={`Remove header ${index + 1}`} onClick={() => setRows(rows.filter((r) => r.key !== row.key))}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setRows([...rows, headerRow()])}>
        Add header
      </button>
      <FieldErrors field="headers" errors={errors} />
    </fieldset>
  );
}
