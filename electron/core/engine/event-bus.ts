// A minimal typed publish/subscribe. One throwing subscriber must not stop the others or the engine.
export class EventBus<Event> {
  private readonly listeners = new Set<(event: Event) => void>();

  subscribe(listener: (event: Event) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: Event): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // Subscribers are UI and CLI code; their bugs are reported on stderr, never allowed to break the checks.
        console.error('picket: an event subscriber failed:', error);
      }
    }
  }
}
