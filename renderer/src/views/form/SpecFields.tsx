// The form of a monitor type that has no editor of its own: its inputs come from its spec's field list
// (electron/shared/monitor-types/), so adding such a type needs no renderer code.
import type { MonitorFormField } from '../../../../electron/shared/monitor-types/monitor-type-spec.ts';
import { monitorTypeSpec } from '../../../../electron/shared/monitor-types/registry.ts';
import { specFields } from './form-model.ts';
import { FieldErrors, fieldId, type FormBinding } from './FormField.tsx';

function SpecField({ form, field }: { form: FormBinding; field: MonitorFormField }) {
  const errors = form.errorsFor(field.name);
  const id = fieldId(field.name);
  const value = form.draft.values[field.name];
  const change = (next: string | boolean) => form.update({ values: { ...form.draft.values, [field.name]: next } }, field.name);
  const described = [errors.length > 0 ? `${id}-error` : '', field.hint !== undefined ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': errors.length > 0 ? true : undefined, 'aria-describedby': described };
  const hint = field.hint !== undefined && (
    <p id={`${id}-hint`} className="field-hint">
      {field.hint}
    </p>
  );
  if (field.kind === 'checkbox') {
    return (
      <div className="form-field form-check">
        <input {...common} type="checkbox" checked={value === true} onChange={(event) => change(event.target.checked)} />
        <label htmlFor={id}>{field.label}</label>
        {hint}
        <FieldErrors field={field.name} errors={errors} />
      </div>
    );
  }
  const text = typeof value === 'string' ? value : '';
  return (
    <div className="form-field">
      <label htmlFor={id}>
        {field.label}
        {field.required && <span className="field-required"> (required)</span>}
      </label>
      {field.kind === 'select' ? (
        <select {...common} value={text} onChange={(event) => change(event.target.value)}>
          {!field.required && <option value="">(default)</option>}
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        // Numbers use a text input with inputMode, as elsewhere in the form: what was typed reaches validation.
        <input
          {...common}
          type="text"
          inputMode={field.kind === 'number' ? 'numeric' : 'text'}
          value={text}
          placeholder={field.placeholder}
          required={field.required}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => change(event.target.value)}
        />
      )}
      {hint}
      <FieldErrors field={field.name} errors={errors} />
    </div>
  );
}

export function SpecFields({ form }: { form: FormBinding }) {
  const fields = specFields(form.draft.type);
  return (
    <fieldset className="form-section form-grid">
      <legend>{monitorTypeSpec(form.draft.type).label}</legend>
      {fields.map((field) => (
        <SpecField key={field.name} form={form} field={field} />
      ))}
    </fieldset>
  );
}
