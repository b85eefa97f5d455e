// How secrets appear outside the engine. Apart from the contract's table, which the dashboard imports for
// its types only: it never validates requests itself (the engine's side does).

/** What a UI sees of a secret: whether one is set, never its value. */
export const REDACTED = '••••••••';

/** Marks a stored secret as sealed (with the Electron app's safeStorage), and by which scheme. */
export const SEALED_PREFIX = 'enc:v1:';
