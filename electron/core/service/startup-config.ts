// A config file given at start (`serve --config`, `run --config`) goes into the store before the engine exists:
// its settings (referenceTarget, maxConcurrentChecks, retention) must govern the very first check, not the next start.
import type { ImportOutcome } from '../../shared/contract.ts';
import { ConfigError, validateSettings } from '../../shared/config-validation.ts';
import type { MonitorStore } from '../storage/index.ts';
import { ChannelBook } from './channel-book.ts';
import { planImport } from './import-export.ts';
import { openSecrets, sealSecrets, type SecretCodec } from './secrets.ts';

export interface StartupConfig {
  json: string;
  /** merge: the file's monitors are added to (or replace by id) those saved; replace: the file's list exactly. */
  mode: 'merge' | 'replace';
  /** Where the text came from, for error messages: "config file ./picket.json". */
  source: string;
}

/** Throws ConfigError (nothing changed) when the file is invalid anywhere. */
export function applyConfigBeforeStart(store: MonitorStore, config: StartupConfig, codec: SecretCodec | undefined): ImportOutcome {
  const current = store.monitors().map((monitor) => openSecrets(monitor, codec).monitor);
  // The file named on the command line is trusted: it may add `command` channels (whoever writes it can run programs).
  const channels = new ChannelBook(store, codec);
  const planned = planImport(config.json, config.mode, current, channels.channels(), { expiryWarningDays: store.settings().defaultExpiryWarningDays });
  if (!planned.ok) throw new ConfigError(planned.issues, `invalid ${config.source}`);
  const { plan } = planned;
  if (Object.keys(plan.settings).length > 0) {
    const checked = validateSettings({ ...store.settings(), ...plan.settings }, 'settings');
    if (!checked.ok) throw new ConfigError(checked.issues, `invalid ${config.source}`);
    store.updateSettings(plan.settings);
  }
  // Channels before monitors: the monitors name them.
  if (plan.channels !== undefined) channels.replace(plan.channels);
  store.replaceMonitors(plan.monitors.map((monitor) => sealSecrets(monitor, codec)));
  const muted = store.preferences().mutedMonitors;
  if (muted.some((id) => plan.outcome.removed.includes(id))) store.updatePreferences({ mutedMonitors: muted.filter((id) => !plan.outcome.removed.includes(id)) });
  return plan.outcome;
}
