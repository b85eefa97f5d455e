// Editing a Matrix monitor: its endpoint came from discovery and is kept up to date by its homeserver
// group, so it is shown, not edited; re-pointing it by hand would be undone by the next discovery.
import { TYPE_LABEL } from '../../components/monitor-type.ts';
import type { FormBinding } from './FormField.tsx';

export function MatrixEndpointNote({ form }: { form: FormBinding }) {
  const { draft } = form;
  const { serverName, hostHeader, tlsServerName } = draft.carried;
  return (
    // A fieldset like the form's other sections, so it reads as one of them (it holds no inputs).
    <fieldset className="form-section">
      <legend>{TYPE_LABEL[draft.type]} endpoint</legend>
      <p className="field-hint">
        The homeserver group {serverName ?? draft.group} manages this endpoint: discovery sets it and re-runs daily. To change it, change the
        delegation and add the homeserver again. Name, group and the check settings below are yours to edit.
      </p>
      <dl className="test-result-facts">
        <dt>Connects to</dt>
        <dd>
          {draft.host}:{draft.port}
        </dd>
        <dt>Host header</dt>
        <dd>{hostHeader ?? '—'}</dd>
        <dt>Certificate name</dt>
        <dd>{tlsServerName ?? '—'}</dd>
      </dl>
    </fieldset>
  );
}
