// Picket ids for imported monitors: a prefix for the source and a slug of the name, so importing the same
// file again replaces those monitors instead of adding copies, and never touches monitors made in Picket.

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}

/** Hands out ids "<prefix>-<slug>", adding -2, -3, ... when two names make the same slug. */
export class IdAllocator {
  private readonly taken = new Set<string>();

  constructor(private readonly prefix: string) {}

  next(name: string, fallback: string): string {
    const base = `${this.prefix}-${slugify(name) || fallback}`;
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}-${n}`;
    this.taken.add(id);
    return id;
  }
}
