// The contract's events, each name with its own listeners. One failing listener (a UI bug) must not stop the
// others or the engine behind them.
import type { EventMap, EventName } from '../../shared/contract.ts';

type Listener<Name extends EventName> = (payload: EventMap[Name]) => void;

export class ServiceEvents {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();

  on<Name extends EventName>(name: Name, listener: Listener<Name>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Whether anyone listens: a payload that costs work to build (the views) is built only then. */
  listened(name: EventName): boolean {
    return (this.listeners.get(name)?.size ?? 0) > 0;
  }

  emit<Name extends EventName>(name: Name, payload: EventMap[Name]): void {
    for (const listener of [...(this.listeners.get(name) ?? [])] as Array<Listener<Name>>) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`picket: a "${name}" event listener failed:`, error);
      }
    }
  }
}
