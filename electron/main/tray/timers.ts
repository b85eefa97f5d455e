// Injectable timers, so services are tested with fakes and never with real waiting.
export type SetTimer = (callback: () => void, ms: number) => unknown;
export type ClearTimer = (handle: unknown) => void;

export const systemSetTimer: SetTimer = (callback, ms) => setTimeout(callback, ms);
export const systemClearTimer: ClearTimer = (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>);

/** setTimeout fires at once beyond 2^31-1 ms (~24.8 days); a longer wait is capped and simply re-checked. */
export const MAX_TIMER_MS = 2_147_483_647;
