// The engine's own validators for the form and settings. In the built dashboard they are precompiled
// (electron.vite.config.ts: the CSP forbids the eval ajv would otherwise need), so they load like any code.
import { validateMonitor, validateSettings } from '../../../../electron/shared/config-validation.ts';

export interface Validators {
  validateMonitor: typeof validateMonitor;
  validateSettings: typeof validateSettings;
}

const validators: Validators = { validateMonitor, validateSettings };

/** Kept async so callers need not change if validation ever moves behind the contract. */
export function loadValidators(): Promise<Validators | null> {
  return Promise.resolve(validators);
}
