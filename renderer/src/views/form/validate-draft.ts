// Local validation with the engine's own schema (validateMonitor, see load-validation.ts), so the form shows
// the messages the engine would send back, and which fields of the form each issue belongs to.
import type { MonitorConfig } from '../../../../electron/shared/config-validation.ts';
import type { MonitorTypeForm } from '../../../../electron/shared/monitor-types/monitor-type-spec.ts';
import { monitorTypeSpec } from '../../../../electron/shared/monitor-types/registry.ts';
import type { FieldIssue } from './contract-error.ts';
import { draftToConfig, fieldOfIssue, type MonitorDraft } from './form-model.ts';
import { fieldMessage } from './issue-words.ts';
import type { Validators } from './load-validation.ts';

/** "tls.caFile" -> "tls", "expectedStatus[1]" -> "expectedStatus": the config field an issue is in. */
const topField = (path: string): string => path.split(/[.[]/)[0] ?? path;

/**
 * validateMonitor stops at the schema when the shape is wrong, so "url is required" would only show once
 * the id is fixed. A second pass without the fields already flagged finds the rest, so one submit shows all.
 */
function allIssues(validateMonitor: Validators['validateMonitor'], config: MonitorConfig): FieldIssue[] {
  const first = validateMonitor(config);
  if (first.ok) return [];
  const flagged = new Set(first.issues.map((issue) => topField(issue.path)));
  const rest: Record<string, unknown> = { ...config };
  for (const field of flagged) {
    if (field === 'id') rest.id = 'placeholder';
    else if (field !== 'type') delete rest[field];
  }
  const second = validateMonitor(rest);
  const more = second.ok ? [] : second.issues.filter((issue) => !flagged.has(topField(issue.path)));
  return [...first.issues, ...more];
}

export function validateDraft(validators: Validators, draft: MonitorDraft): FieldIssue[] {
  return allIssues(validators.validateMonitor, draftToConfig(draft)).map((issue) => {
    // An empty bearer token fails the whole auth oneOf ("must match exactly one schema"); say it where it is.
    if (issue.path === 'auth' && draft.authKind === 'bearer' && draft.token === '') return { path: 'auth.token', message: 'must not be empty' };
    return issue;
  });
}

const COMMON = ['id', 'name', 'group', 'intervalSeconds', 'timeoutSeconds', 'failureThreshold', 'reminderIntervalMinutes', 'channels'];

/** The type's own fields the form shows, as its spec says. */
function typeFields(form: MonitorTypeForm): readonly string[] {
  switch (form.editor) {
    case 'fields':
      return form.fields.map((field) => field.name);
    // The endpoint is discovery's (shown read-only): an issue with it is listed above the form.
    case 'managed':
      return [];
    default:
      return form.shownFields;
  }
}

/** The fields the form shows for a type; an issue for any other path is listed above the form instead. */
export function shownFields(type: MonitorDraft['type']): ReadonlySet<string> {
  return new Set([...COMMON, ...typeFields(monitorTypeSpec(type).form)]);
}

export function issuesByField(issues: readonly FieldIssue[]): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const field = fieldOfIssue(issue.path);
    const messages = byField.get(field) ?? [];
    const message = fieldMessage(issue.message);
    if (!messages.includes(message)) messages.push(message);
    byField.set(field, messages);
  }
  return byField;
}
