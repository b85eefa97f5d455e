// Labelled inputs whose error messages sit under them, tied with aria-describedby and aria-invalid so a
// screen reader reads the reason with the field.
import type { ReactNode } from 'react';
import type { MonitorDraft } from './form-model.ts';

/** What each part of the form needs: the draft, a way to change it, and the messages for a field. */
export interface FormBinding {
  draft: MonitorDraft;
  /** `field` names the issue path the change answers, so its stale messages can be cleared. */
  update: (patch: Partial<MonitorDraft>, field: string) => void;
  errorsFor: (field: string) => string[];
}

export const fieldId = (field: string): string => `monitor-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export function FieldErrors({ field, errors }: { field: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <p id={`${fieldId(field)}-error`} className="field-error">
      <span aria-hidden="true">⚠ </span>
      {errors.join('; ')}
    </p>
  );
}

function describedBy(field: string, hasHint: boolean, hasError: boolean): string | undefined {
  const ids = [hasError ? `${fieldId(field)}-error` : '', hasHint ? `${fieldId(field)}-hint` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

interface TextFieldProps {
  form: FormBinding;
  /** The issue path this input answers ("port", "tls.caFile"). */
  field: string;
  /** The draft property it edits. */
  draftKey: keyof MonitorDraft;
  label: string;
  hint?: ReactNode;
  placeholder?: string;
  type?: 'text' | 'url' | 'password' | 'number';
  inputMode?: 'numeric' | 'decimal' | 'text' | 'url';
  readOnly?: boolean;
  required?: boolean;
  multiline?: boolean;
  autoComplete?: string;
  onEdit?: (value: string) => Partial<MonitorDraft>;
  className?: string;
}

export function TextField(props: TextFieldProps) {
  const { form, field, draftKey, label, hint, placeholder, type = 'text', inputMode, readOnly, required, multiline, autoComplete, onEdit, className } = props;
  const errors = form.errorsFor(field);
  const id = fieldId(field);
  const value = form.draft[draftKey] as string;
  const common = {
    id,
    value,
    placeholder,
    readOnly,
    required,
    'aria-invalid': errors.length > 0 ? true : undefined,
    'aria-describedby': describedBy(field, hint !== undefined, errors.length > 0),
  };
  const change = (next: string) => form.update(onEdit ? onEdit(next) : { [draftKey]: next }, field);
  return (
    <div className={`form-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="field-required"> (required)</span>}
      </label>
      {multiline ? (
        <textarea {...common} rows={4} onChange={(event) => change(event.target.value)} />
      ) : (
        // Numbers use a text input with inputMode: type=number would hide what was typed from validation.
        <input {...common} type={type === 'number' ? 'text' : type} inputMode={type === 'number' ? 'numeric' : inputMode} autoComplete={autoComplete ?? 'off'} spellCheck={false} onChange={(event) => change(event.target.value)} />
      )}
      {hint !== undefined && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <FieldErrors field={field} errors={errors} />
    </div>
  );
}

interface CheckboxFieldProps {
  form: FormBinding;
  field: string;
  draftKey: keyof MonitorDraft;
  label: string;
  hint?: string;
  disabled?: boolean;
}

export function CheckboxField({ form, field, draftKey, label, hint, disabled }: CheckboxFieldProps) {
  const errors = form.errorsFor(field);
  const id = fieldId(field);
  return (
    <div className="form-field form-check">
      <input
        id={id}
        type="checkbox"
        checked={form.draft[draftKey] as boolean}
        disabled={disabled}
        aria-invalid={errors.length > 0 ? true : undefined}
        aria-describedby={describedBy(field, hint !== undefined, errors.length > 0)}
        onChange={(event) => form.update({ [draftKey]: event.target.checked }, field)}
      />
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <FieldErrors field={field} errors={errors} />
    </div>
  );
}
