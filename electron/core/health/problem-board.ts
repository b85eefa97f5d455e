// Picket's own current problems (a full disk, a damaged file moved aside), one line each, keyed by where they
// come from so a retry that succeeds clears exactly its own line. Every front shows the same list.

export interface ProblemBoardListener {
  (problems: string[]): void;
}

export class ProblemBoard {
  private readonly problems = new Map<string, string>();
  private readonly listeners = new Set<ProblemBoardListener>();

  set(source: string, message: string | undefined): void {
    const before = this.problems.get(source);
    if (message === undefined) this.problems.delete(source);
    else this.problems.set(source, message);
    if (before !== message) for (const listener of this.listeners) listener(this.list());
  }

  list(): string[] {
    return [...this.problems.values()];
  }

  onChange(listener: ProblemBoardListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
