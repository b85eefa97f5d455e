// TLS options shared by HTTP(S) and TLS monitors; what "ignore errors" means differs, so it is worded per type.
import { monitorTypeSpec } from '../../../../electron/shared/monitor-types/registry.ts';
import { CheckboxField, TextField, type FormBinding } from './FormField.tsx';

export function TlsOptionsFields({ form }: { form: FormBinding }) {
  const http = monitorTypeSpec(form.draft.type).form.editor === 'http';
  return (
    <fieldset className="form-section form-grid">
      <legend>TLS</legend>
      <TextField form={form} field="tls.caFile" draftKey="caFile" label="CA file" placeholder="/path/to/private-ca.pem" hint="PEM file with extra trusted CA certificates (a private CA)." />
      <TextField form={form} field="tls.serverName" draftKey="serverName" label="Server name" hint="SNI and the name the certificate must carry, when it differs from the host." />
      <CheckboxField
        form={form}
        field="tls.ignoreErrors"
        draftKey="ignoreErrors"
        label={http ? 'Ignore certificate errors' : 'Allow an untrusted chain'}
        hint={http ? 'Do not verify the certificate at all.' : 'An untrusted chain is not "down" (a private CA); expiry is still watched.'}
      />
    </fieldset>
  );
}
