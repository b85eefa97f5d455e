// Small pieces of Prometheus syntax: durations, RE2 literals and label matchers.

/** Prometheus and blackbox_exporter durations take whole units: 90 s is "90s", 1.5 s is "1500ms". */
export function promDuration(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** A literal string as an RE2 pattern (Go's regexp syntax), so a keyword like "v1.2 (beta)" matches only itself. */
export function re2Literal(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** A label matcher selecting exactly these monitor ids: `monitor="a"` or `monitor=~"a|b\\.c"` (PromQL string escapes). */
export function monitorMatcher(ids: string[]): string {
  if (ids.length === 1) return `monitor=${JSON.stringify(ids[0])}`;
  return `monitor=~${JSON.stringify(ids.map(re2Literal).join('|'))}`;
}
