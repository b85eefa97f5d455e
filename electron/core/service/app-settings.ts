// AppSettings as a UI sees them: the engine's Settings and the app's preferences, stored apart in picket.json.
import type { AppSettings } from '../../shared/contract.ts';
import { DEFAULT_SETTINGS } from '../../shared/defaults.ts';
import type { Settings } from '../../shared/types.ts';
import type { MonitorStore, Preferences } from '../storage/index.ts';

const ENGINE_FIELDS = new Set<string>(Object.keys(DEFAULT_SETTINGS));

export function readAppSettings(store: MonitorStore): AppSettings {
  return { ...store.settings(), ...store.preferences() };
}

/** Splits a validated patch by where each field lives. */
export function splitSettingsPatch(patch: Partial<AppSettings>): { engine: Partial<Settings>; preferences: Partial<Preferences> } {
  const engine: Record<string, unknown> = {};
  const preferences: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    (ENGINE_FIELDS.has(field) ? engine : preferences)[field] = value;
  }
  return { engine, preferences };
}
