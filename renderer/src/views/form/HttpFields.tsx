// What an HTTP(S) monitor requests and what answer counts as up.
import { REDACTED } from '../../../../electron/shared/redaction.ts';
import { DEFAULT_EXPECTED_STATUS, DEFAULT_MAX_REDIRECTS } from '../../../../electron/shared/defaults.ts';
import type { HttpMethod } from '../../../../electron/shared/types.ts';
import type { AuthKind } from './form-model.ts';
import { CheckboxField, FieldErrors, TextField, fieldId, type FormBinding } from './FormField.tsx';
import { HeaderRows } from './HeaderRows.tsx';
import { TlsOptionsFields } from './TlsOptionsFields.tsx';

function storedSecretHint(value: string, what: string): string | undefined {
  return value === REDACTED ? `A ${what} is stored and kept. Type a new one to replace it.` : undefined;
}

export function HttpFields({ form }: { form: FormBinding }) {
  const { draft } = form;
  const methodErrors = form.errorsFor('method');
  const authErrors = form.errorsFor('auth');
  return (
    <>
      <fieldset className="form-section">
        <legend>Request</legend>
        <TextField form={form} field="url" draftKey="url" label="URL" type="url" required placeholder="https://example.com/health" />
        <div className="form-field">
          <label htmlFor={fieldId('method')}>Method</label>
          <select
            id={fieldId('method')}
            value={draft.method}
            aria-invalid={methodErrors.length > 0 ? true : undefined}
            aria-describedby={methodErrors.length > 0 ? `${fieldId('method')}-error` : undefined}
            onChange={(event) => form.update({ method: event.target.value as HttpMethod }, 'method')}
          >
            <option value="GET">GET</option>
            <option value="HEAD">HEAD</option>
            <option value="POST">POST</option>
          </select>
          <FieldErrors field="method" errors={methodErrors} />
        </div>
        <HeaderRows form={form} />
        {draft.method === 'POST' && <TextField form={form} field="body" draftKey="body" label="Body" multiline />}
        <div className="form-field">
          <label htmlFor={fieldId('auth')}>Authentication</label>
          <select
            id={fieldId('auth')}
            value={draft.authKind}
            aria-invalid={authErrors.length > 0 ? true : undefined}
            aria-describedby={authErrors.length > 0 ? `${fieldId('auth')}-error` : undefined}
            onChange={(event) => form.update({ authKind: event.target.value as AuthKind }, 'auth')}
          >
            <option value="none">None</option>
            <option value="basic">Basic (user name and password)</option>
            <option value="bearer">Bearer token</option>
          </select>
          <FieldErrors field="auth" errors={authErrors} />
        </div>
        {draft.authKind === 'basic' && (
          <div className="form-grid">
            <TextField form={form} field="auth.username" draftKey="username" label="User name" autoComplete="off" />
            <TextField form={form} field="auth.password" draftKey="password" label="Password" type="password" autoComplete="new-password" hint={storedSecretHint(draft.password, 'password')} />
          </div>
        )}
        {draft.authKind === 'bearer' && (
          <TextField form={form} field="auth.token" draftKey="token" label="Token" type="password" autoComplete="new-password" hint={storedSecretHint(draft.token, 'token')} />
        )}
      </fieldset>

      <fieldset className="form-section form-grid">
        <legend>Response</legend>
        <TextField
          form={form}
          field="expectedStatus"
          draftKey="expectedStatus"
          label="Expected status"
          placeholder={DEFAULT_EXPECTED_STATUS.join(', ')}
          hint={`Codes and ranges, separated by commas: 200, 301-308. Default: ${DEFAULT_EXPECTED_STATUS.join(', ')}`}
        />
        <TextField form={form} field="slowResponseMs" draftKey="slowResponseMs" label="Slow response limit (ms)" type="number" hint="A correct answer slower than this is a warning. Empty: never." />
        <TextField form={form} field="keyword" draftKey="keyword" label="Keyword" hint="The body must contain it (or must not, below)." />
        <div className="form-checks">
          <CheckboxField form={form} field="keywordCaseInsensitive" draftKey="keywordCaseInsensitive" label="Ignore case" disabled={draft.keyword === ''} />
          <CheckboxField form={form} field="keywordInvert" draftKey="keywordInvert" label="Must NOT contain the keyword" disabled={draft.keyword === ''} />
        </div>
        <TextField form={form} field="maxRedirects" draftKey="maxRedirects" label="Max redirects" type="number" placeholder={String(DEFAULT_MAX_REDIRECTS)} hint={`Default: ${DEFAULT_MAX_REDIRECTS}; 0 does not follow any.`} />
        <CheckboxField form={form} field="cacheBust" draftKey="cacheBust" label="Bypass caches" hint="Sends Cache-Control: no-cache so a proxy cannot answer from its cache." />
      </fieldset>

      <TlsOptionsFields form={form} />
    </>
  );
}
