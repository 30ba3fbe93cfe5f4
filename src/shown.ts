/** How many characters of a value an error quotes. */
const MAX_SHOWN = 200;

/**
 * A value as an error quotes it: in single quotes, whole when short, else
 * its start with an ellipsis and its full length, so a 10 MB argument makes
 * a one-line error, not a 10 MB one.
 */
export function shown(value: string, max: number = MAX_SHOWN): string {
  if (value.length <= max) return `'${value}'`;
  return `'${value.slice(0, max)}…' (${value.length} characters)`;
}
