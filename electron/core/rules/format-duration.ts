// Human durations for alert messages: the two most significant units, so "4 min 12 s", never "0 d 0 h 4 min".

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
];

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(`formatDuration: ms must be a finite number >= 0, got ${ms}`);
  }
  for (let i = 0; i < UNITS.length; i++) {
    const [unit, size] = UNITS[i]!;
    if (ms < size && i < UNITS.length - 1) continue;
    const major = Math.floor(ms / size);
    const minorUnit = UNITS[i + 1];
    if (!minorUnit) return `${major} ${unit}`;
    const minor = Math.floor((ms - major * size) / minorUnit[1]);
    return minor === 0 ? `${major} ${unit}` : `${major} ${unit} ${minor} ${minorUnit[0]}`;
  }
  return '0 s';
}
