// A binary min-heap of due times: the scheduler only ever needs the earliest one, so one timer serves all monitors.
// Items due at the same time come out in the order they went in, so equal due times stay FIFO.

export interface Due<T> {
  dueAt: number;
  item: T;
}

interface Slot<T> extends Due<T> {
  order: number;
}

export class DueQueue<T> {
  readonly #heap: Array<Slot<T>> = [];
  #pushed = 0;

  get size(): number {
    return this.#heap.length;
  }

  push(dueAt: number, item: T): void {
    this.#heap.push({ dueAt, item, order: this.#pushed++ });
    this.#siftUp(this.#heap.length - 1);
  }

  peek(): Due<T> | undefined {
    return this.#heap[0];
  }

  pop(): Due<T> | undefined {
    const top = this.#heap[0];
    const last = this.#heap.pop();
    if (top !== undefined && last !== undefined && this.#heap.length > 0) {
      this.#heap[0] = last;
      this.#siftDown(0);
    }
    return top;
  }

  /** Keeps only the items that pass keep(); used to shed items the scheduler has forgotten. */
  retain(keep: (item: T) => boolean): void {
    const kept = this.#heap.filter((slot) => keep(slot.item)).sort((a, b) => this.#compare(a, b));
    this.#heap.length = 0;
    this.#heap.push(...kept);
  }

  clear(): void {
    this.#heap.length = 0;
  }

  #siftUp(index: number): void {
    const heap = this.#heap;
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (this.#compare(this.#at(parent), this.#at(child)) <= 0) return;
      [heap[parent], heap[child]] = [this.#at(child), this.#at(parent)];
      child = parent;
    }
  }

  #siftDown(index: number): void {
    const heap = this.#heap;
    let parent = index;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < heap.length && this.#compare(this.#at(left), this.#at(smallest)) < 0) smallest = left;
      if (right < heap.length && this.#compare(this.#at(right), this.#at(smallest)) < 0) smallest = right;
      if (smallest === parent) return;
      [heap[parent], heap[smallest]] = [this.#at(smallest), this.#at(parent)];
      parent = smallest;
    }
  }

  #compare(a: Slot<T>, b: Slot<T>): number {
    return a.dueAt - b.dueAt || a.order - b.order;
  }

  #at(index: number): Slot<T> {
    const due = this.#heap[index];
    if (due === undefined) throw new Error(`DueQueue: no item at index ${index}`);
    return due;
  }
}
