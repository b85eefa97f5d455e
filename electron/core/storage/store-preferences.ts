// The app's own preferences around the engine (notifications, theme, muted monitors, paused alerts), kept in
// picket.json under "preferences". The field is optional in the file: absent means every default, so files
// written before it existed stay valid as they are and no schemaVersion bump (or migration) is needed.
import type { ValidateFunction } from 'ajv';
import { ajv } from '../../shared/ajv.ts';
import { ajvIssues, formatIssue } from '../../shared/config-validation.ts';
import type { AppSettings } from '../../shared/contract.ts';
import { appSettingsPatchSchema } from '../../shared/contract-validation.ts';
import type { Settings } from '../../shared/types.ts';
import { isPlainObject, type FieldProblem } from './store-document.ts';

/** AppSettings minus the engine's Settings. */
export type Preferences = Omit<AppSettings, keyof Settings>;

export const DEFAULT_PREFERENCES: Preferences = {
  notificationsEnabled: true,
  notificationSound: false,
  startAtLogin: false,
  theme: 'system',
  alertsPausedUntil: null,
  mutedMonitors: [],
};

export const PREFERENCE_FIELDS = Object.keys(DEFAULT_PREFERENCES) as Array<keyof Preferences>;

const fieldSchemas = appSettingsPatchSchema.properties;

/** The same field rules the contract validates a settings patch with, so both say the same thing. */
export const preferencesSchema = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(PREFERENCE_FIELDS.map((field) => [field, fieldSchemas[field]])),
} as const;

const fieldValidators = new Map<string, ValidateFunction>(PREFERENCE_FIELDS.map((field) => [field, ajv.compile(fieldSchemas[field])]));

function fieldProblem(field: string, value: unknown): string | undefined {
  const validate = fieldValidators.get(field);
  if (!validate) return 'is not a preference';
  if (validate(value)) return undefined;
  return ajvIssues(validate.errors, '').map(formatIssue).join('; ') || 'is invalid';
}

/** Current preferences plus a patch; throws an Error naming each bad field, and changes nothing. */
export function applyPreferencesPatch(current: Preferences, patch: unknown): Preferences {
  if (!isPlainObject(patch)) throw new Error('preferences: the update must be an object');
  const problems: string[] = [];
  const next: Record<string, unknown> = structuredClone(current);
  for (const [field, value] of Object.entries(patch)) {
    // Partial<> allows { field: undefined }: read it as "leave unchanged", not "erase".
    if (value === undefined) continue;
    const problem = fieldProblem(field, value);
    if (problem) problems.push(`preferences.${field}: ${problem}`);
    else next[field] = structuredClone(value);
  }
  if (problems.length > 0) throw new Error(`invalid preferences: ${problems.join('; ')}`);
  return next as unknown as Preferences;
}

/** Preferences read from a store file: keeps each valid field, resets each invalid one, drops unknown ones. */
export function recoverPreferences(raw: unknown): { preferences: Preferences; reset: FieldProblem[] } {
  const preferences: Record<string, unknown> = structuredClone(DEFAULT_PREFERENCES);
  if (raw === undefined) return { preferences: preferences as unknown as Preferences, reset: [] };
  if (!isPlainObject(raw)) {
    return { preferences: preferences as unknown as Preferences, reset: [{ field: 'preferences', reason: 'must be an object' }] };
  }
  const reset: FieldProblem[] = [];
  for (const [field, value] of Object.entries(raw)) {
    const problem = fieldProblem(field, value);
    if (problem) reset.push({ field: `preferences.${field}`, reason: problem });
    else preferences[field] = structuredClone(value);
  }
  return { preferences: preferences as unknown as Preferences, reset };
}
