// Host and port (the 'port' editor, TCP); the 'certificate' editor (TLS) adds reminder days and TLS options.
import { DEFAULT_EXPIRY_WARNING_DAYS } from '../../../../electron/shared/defaults.ts';
import { monitorTypeSpec } from '../../../../electron/shared/monitor-types/registry.ts';
import { useSettings } from '../../store/monitors-store.ts';
import { TextField, type FormBinding } from './FormField.tsx';
import { TlsOptionsFields } from './TlsOptionsFields.tsx';

export function EndpointFields({ form }: { form: FormBinding }) {
  const tls = monitorTypeSpec(form.draft.type).form.editor === 'certificate';
  // Left empty, the engine gives a new monitor the reminder days chosen in Settings.
  const defaultDays = (useSettings()?.defaultExpiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS).join(', ');
  return (
    <>
      <fieldset className="form-section form-grid">
        <legend>{tls ? 'Certificate of' : 'Port to connect to'}</legend>
        <TextField form={form} field="host" draftKey="host" label="Host" required placeholder="example.com" hint="A host name or IP address, not a URL." />
        <TextField form={form} field="port" draftKey="port" label="Port" type="number" required placeholder={tls ? '443' : ''} />
        {tls && (
          <TextField
            form={form}
            field="expiryWarningDays"
            draftKey="expiryWarningDays"
            label="Reminder days"
            placeholder={defaultDays}
            hint={`Days before expiry to remind you, separated by commas. Inside the largest, the monitor is a warning. Default (from Settings): ${defaultDays}`}
          />
        )}
      </fieldset>
      {tls && <TlsOptionsFields form={form} />}
    </>
  );
}
