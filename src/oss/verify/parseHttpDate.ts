/**
 * The two date forms OSS authentication reads, parsed strictly: the RFC 1123
 * GMT date of `Date` / V1 `x-oss-date` (`Tue, 23 May 2023 15:24:55 GMT`, two-
 * digit day) and the ISO 8601 basic form of V4 `x-oss-date` (`20231203T121212Z`).
 * Both return epoch milliseconds, or undefined when the text is not exactly
 * such a date.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function utc(year: number, month: number, day: number, h: number, m: number, s: number): number | undefined {
  const ms = Date.UTC(year, month, day, h, m, s);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month || d.getUTCDate() !== day) return undefined;
  if (h > 23 || m > 59 || s > 59) return undefined;
  return ms;
}

export function parseHttpDate(text: string): number | undefined {
  const m = /^(\w{3}), (\d{2}) (\w{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/.exec(text.trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[3]!);
  if (month < 0) return undefined;
  const ms = utc(Number(m[4]), month, Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7]));
  if (ms === undefined || DAYS[new Date(ms).getUTCDay()] !== m[1]) return undefined;
  return ms;
}

export function parseIsoBasicDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text.trim());
  if (!m) return undefined;
  return utc(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}
