// window.picket, exposed by the preload (electron/preload/picket-bridge.ts).
import type { PicketBridge } from '../../electron/shared/bridge.ts';

declare global {
  interface Window {
    readonly picket: PicketBridge;
  }
}

export {};
