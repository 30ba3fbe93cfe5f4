import { DateTime } from 'luxon';

/** An instant: ISO-8601 with an offset or Z is absolute; without one it is wall time in `timezone`. */
export function parseInstant(text: string, timezone: string): number | undefined {
  const trimmed = text.trim();
  const iso = /^\d{4}-\d{2}-\d{2} \d/.test(trimmed) ? trimmed.replace(' ', 'T') : trimmed;
  const parsed = DateTime.fromISO(iso, { zone: timezone, setZone: true });
  return parsed.isValid ? parsed.toMillis() : undefined;
}
