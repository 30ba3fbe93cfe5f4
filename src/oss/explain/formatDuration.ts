/**
 * A whole number of seconds for people: `0 s`, `59 s`, `1 min 5 s`,
 * `2 h 0 min 1 s` is `2 h 1 s`, `3 d 4 h`. The sign is dropped: callers say
 * "ago" or "left". Units that are zero are left out.
 */
export function formatDuration(seconds: number): string {
  let rest = Math.abs(Math.trunc(seconds));
  if (rest === 0) return '0 s';
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]] as const) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${unit}`);
  }
  return parts.join(' ');
}

/** `2026-11-23T12:00:00Z`: an instant to the second, in UTC (milliseconds shown only when there are some). */
export function formatInstant(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}
