// Sleep is not downtime: the OS's suspend and resume drive the engine's suspend and resume.
// Lock-screen is left alone: a locked machine is awake and its checks are still true.

export interface PowerMonitorLike {
  on(event: 'suspend', listener: () => void): unknown;
  on(event: 'resume', listener: () => void): unknown;
  removeListener(event: 'suspend', listener: () => void): unknown;
  removeListener(event: 'resume', listener: () => void): unknown;
}

export interface PowerSource {
  suspend(): void;
  resume(): void;
}

export interface PowerWiringOptions {
  powerMonitor: PowerMonitorLike;
  source: PowerSource;
}

/** Returns the function that unwires both listeners. */
export function wirePower({ powerMonitor, source }: PowerWiringOptions): () => void {
  if (!powerMonitor || typeof powerMonitor.on !== 'function') throw new Error('wirePower: powerMonitor must be an event emitter');
  if (!source || typeof source.suspend !== 'function' || typeof source.resume !== 'function') {
    throw new Error('wirePower: source must have suspend() and resume()');
  }
  const onSuspend = (): void => source.suspend();
  const onResume = (): void => source.resume();
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  return () => {
    powerMonitor.removeListener('suspend', onSuspend);
    powerMonitor.removeListener('resume', onResume);
  };
}
