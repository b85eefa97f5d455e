// Settings as the store keeps them: always complete, changed only through validated patches.
// Validation is the shared one the config import uses, so both give the same messages.
import type { Settings } from '../../shared/types.ts';
import { DEFAULT_SETTINGS } from '../../shared/defaults.ts';
import { formatIssue, validateSettings } from '../../shared/config-validation.ts';
import { isPlainObject, type FieldProblem } from './store-document.ts';

const SETTINGS_FIELDS = Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>;

/** Current settings plus a patch, validated; throws an Error naming each bad field, and changes nothing. */
export function applySettingsPatch(current: Settings, patch: unknown): Settings {
  if (!isPlainObject(patch)) throw new Error('settings: the update must be an object');
  // Partial<Settings> allows { field: undefined }: read it as "leave unchanged", not "erase".
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const merged: unknown = structuredClone({ ...current, ...defined });
  const result = validateSettings(merged, 'settings');
  if (!result.ok) throw new Error(`invalid settings: ${result.issues.map(formatIssue).join('; ')}`);
  return merged as Settings;
}

/** Settings read from a store file: keeps each valid field, resets each invalid one to its default. */
export function recoverSettings(raw: unknown): { settings: Settings; reset: FieldProblem[] } {
  const settings: Record<string, unknown> = { ...structuredClone(DEFAULT_SETTINGS) };
  if (raw === undefined) return { settings: settings as unknown as Settings, reset: [] };
  if (!isPlainObject(raw)) {
    return { settings: settings as unknown as Settings, reset: [{ field: 'settings', reason: 'must be an object' }] };
  }
  const result = validateSettings(raw, 'settings');
  const reset: FieldProblem[] = result.ok ? [] : result.issues.map((i) => ({ field: i.path, reason: i.message }));
  // "settings.maxConcurrentChecks" or "settings.defaultExpiryWarningDays[2]" -> the top-level setting it spoils.
  const spoiled = new Set(reset.map((p) => /^settings\.([A-Za-z]+)/.exec(p.field)?.[1] ?? '*'));
  for (const field of SETTINGS_FIELDS) {
    if (field in raw && !spoiled.has(field) && !spoiled.has('*')) settings[field] = structuredClone(raw[field]);
  }
  return { settings: settings as unknown as Settings, reset };
}
