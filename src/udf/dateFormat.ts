import { FunctionError } from './FunctionError.js';

/** A MaxCompute date format letter group: year, month, day, hour (24 h), minute, second, millisecond. */
export type DateField = 'yyyy' | 'mm' | 'dd' | 'hh' | 'mi' | 'ss' | 'ff3';

export type FormatToken = { readonly kind: 'field'; readonly field: DateField } | { readonly kind: 'literal'; readonly text: string };

/**
 * Longest first, so `ff3` and `yyyy` win over shorter groups. `mm` is always
 * the month and `mi` the minute ("In MaxCompute, both mm and MM represent the
 * month. Use mi for minutes").
 */
const FIELDS: readonly DateField[] = ['yyyy', 'ff3', 'mm', 'mi', 'dd', 'hh', 'ss'];
const DIGITS: Readonly<Record<DateField, number>> = { yyyy: 4, mm: 2, dd: 2, hh: 2, mi: 2, ss: 2, ff3: 3 };

const MICROS_PER_DAY = 86_400_000_000n;

/**
 * Splits a MaxCompute date format into letter groups and literal text. The
 * letters match in any case (`MM`, `HH`); every other character is literal.
 */
export function dateFormat(format: string): FormatToken[] {
  const tokens: FormatToken[] = [];
  let literal = '';
  const lower = format.toLowerCase();
  for (let i = 0; i < format.length; ) {
    const field = FIELDS.find((f) => lower.startsWith(f, i));
    if (field) {
      if (literal) tokens.push({ kind: 'literal', text: literal });
      literal = '';
      tokens.push({ kind: 'field', field });
      i += field.length;
    } else {
      literal += format[i];
      i++;
    }
  }
  if (literal) tokens.push({ kind: 'literal', text: literal });
  return tokens;
}

/** The broken-down wall time of DuckDB TIMESTAMP microseconds (proleptic Gregorian, no zone). */
export interface WallParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly micros: number;
  /** ISO day of week, Monday 1 to Sunday 7. */
  readonly weekday: number;
  /** Day of the year, 1 to 366. */
  readonly yearDay: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function wallParts(micros: bigint): WallParts {
  let days = micros / MICROS_PER_DAY;
  let rest = micros % MICROS_PER_DAY;
  if (rest < 0n) {
    rest += MICROS_PER_DAY;
    days -= 1n;
  }
  const dayNumber = Number(days);
  const [year, month, day] = civilFromDays(dayNumber);
  const time = Number(rest);
  return {
    year,
    month,
    day,
    hour: Math.floor(time / 3_600_000_000),
    minute: Math.floor(time / 60_000_000) % 60,
    second: Math.floor(time / 1_000_000) % 60,
    micros: time % 1_000_000,
    weekday: ((((dayNumber + 3) % 7) + 7) % 7) + 1,
    yearDay: dayNumber - daysFromCivil(year, 1, 1) + 1,
  };
}

const pad = (value: number, width: number): string => {
  const text = String(Math.abs(value)).padStart(width, '0');
  return value < 0 ? `-${text}` : text;
};

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

type Part = (p: WallParts) => string;

const FIELD_TEXT: Readonly<Record<DateField, Part>> = {
  yyyy: (p) => pad(p.year, 4),
  mm: (p) => pad(p.month, 2),
  dd: (p) => pad(p.day, 2),
  hh: (p) => pad(p.hour, 2),
  mi: (p) => pad(p.minute, 2),
  ss: (p) => pad(p.second, 2),
  ff3: (p) => pad(Math.floor(p.micros / 1000), 3),
};

/** The `%` specifiers of MaxCompute's TIMESTAMP signature (C strftime's, as DuckDB has them). */
const SPECIFIERS: Readonly<Record<string, Part>> = {
  Y: (p) => pad(p.year, 4),
  y: (p) => pad(((p.year % 100) + 100) % 100, 2),
  m: (p) => pad(p.month, 2),
  d: (p) => pad(p.day, 2),
  H: (p) => pad(p.hour, 2),
  I: (p) => pad(((p.hour + 11) % 12) + 1, 2),
  p: (p) => (p.hour < 12 ? 'AM' : 'PM'),
  M: (p) => pad(p.minute, 2),
  S: (p) => pad(p.second, 2),
  f: (p) => pad(p.micros, 6),
  g: (p) => pad(Math.floor(p.micros / 1000), 3),
  j: (p) => pad(p.yearDay, 3),
  a: (p) => WEEKDAYS[p.weekday - 1]!.slice(0, 3),
  A: (p) => WEEKDAYS[p.weekday - 1]!,
  b: (p) => MONTHS[p.month - 1]!.slice(0, 3),
  B: (p) => MONTHS[p.month - 1]!,
  '%': () => '%',
};

/** A `%` before a letter makes a format `%`-style (MaxCompute's TIMESTAMP signature, `'%Y-%m-%d %H:%M:%S'`). */
const PERCENT_STYLE = /%[A-Za-z%]/;

/**
 * The formatter TO_CHAR uses for `format`: MaxCompute letters are replaced
 * by the date's parts and every other character is copied ("format中的日期格式
 * 部分会被替换成相应的数据,其他字符直接输出"); a `%`-style format takes the
 * specifiers above and refuses others.
 */
export function compileFormatter(fn: string, format: string): (micros: bigint) => string {
  const parts: (string | Part)[] = [];
  if (PERCENT_STYLE.test(format)) {
    for (let i = 0; i < format.length; i++) {
      const c = format[i]!;
      if (c !== '%') {
        parts.push(c);
        continue;
      }
      const spec = format[i + 1];
      const part = spec === undefined ? undefined : SPECIFIERS[spec];
      if (part === undefined) {
        throw FunctionError.invalid(
          fn,
          `format '${format}' has '%${spec ?? ''}', which is no format specifier; a %-style format takes ` +
            `${Object.keys(SPECIFIERS).map((s) => `%${s}`).join(' ')}, a MaxCompute format takes yyyy mm dd hh mi ss ff3`,
        );
      }
      parts.push(part);
      i++;
    }
  } else {
    for (const t of dateFormat(format)) parts.push(t.kind === 'field' ? FIELD_TEXT[t.field] : t.text);
  }
  return (micros) => {
    const p = wallParts(micros);
    let out = '';
    for (const part of parts) out += typeof part === 'string' ? part : part(p);
    return out;
  };
}

const REGEX_SPECIAL = /[\\^$.|?*+()[\]{}]/g;

/**
 * The parser TO_DATE uses for `format`: the string must match the whole
 * format, each letter group with exactly its digits (`yyyymmdd` refuses
 * '2025112') and literal text matching itself; it gives DuckDB TIMESTAMP
 * microseconds, or null when the string does not match or names no real
 * date or time (month 13, February 30, hour 24).
 *
 * It is undefined when MaxCompute gives NULL for every input ("Must contain
 * yyyy, and yyyy can appear only once. If this condition is not met, the
 * function returns NULL"; ossduck treats any repeated group so). A format
 * with seconds but no minutes is MaxCompute's documented error ("format
 * string has second part, but doesn't have minute part"); minutes without
 * hours and milliseconds without seconds are refused the same way (inferred).
 *
 * With `repeatsAsText` (ISDATE: "If redundant format strings exist in
 * format, this function converts the date string that corresponds to the
 * first format string ... The rest strings are considered delimiters"), a
 * letter group after its first is literal text.
 */
export function compileParser(fn: string, format: string, repeatsAsText = false): ((text: string) => bigint | null) | undefined {
  const seen = new Set<DateField>();
  const tokens = dateFormat(format).map((t): FormatToken => {
    if (t.kind !== 'field' || !repeatsAsText) return t;
    if (!seen.has(t.field)) {
      seen.add(t.field);
      return t;
    }
    return { kind: 'literal', text: t.field };
  });
  const count = (field: DateField): number => tokens.filter((t) => t.kind === 'field' && t.field === field).length;
  const requires = (has: DateField, hasName: string, lacks: DateField, lacksName: string): void => {
    if (count(has) > 0 && count(lacks) === 0) {
      throw FunctionError.invalid(fn, `format string has ${hasName} part, but doesn't have ${lacksName} part : ${format}`);
    }
  };
  requires('ss', 'second', 'mi', 'minute');
  requires('mi', 'minute', 'hh', 'hour');
  requires('ff3', 'millisecond', 'ss', 'second');
  if (count('yyyy') !== 1 || FIELDS.some((f) => count(f) > 1)) return undefined;
  const order: DateField[] = [];
  let source = '^';
  for (const t of tokens) {
    if (t.kind === 'field') {
      order.push(t.field);
      source += `(\\d{${DIGITS[t.field]}})`;
    } else {
      source += t.text.replace(REGEX_SPECIAL, (c) => `\\${c}`);
    }
  }
  const pattern = new RegExp(`${source}$`, 'u');
  return (text) => {
    const match = pattern.exec(text);
    if (!match) return null;
    const value: Record<DateField, number> = { yyyy: 0, mm: 1, dd: 1, hh: 0, mi: 0, ss: 0, ff3: 0 };
    order.forEach((field, i) => (value[field] = Number(match[i + 1])));
    const { yyyy: year, mm: month, dd: day, hh: hour, mi: minute, ss: second, ff3: milli } = value;
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
    if (day > daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1)) return null;
    const time = ((hour * 60 + minute) * 60 + second) * 1000 + milli;
    return BigInt(daysFromCivil(year, month, day)) * MICROS_PER_DAY + BigInt(time) * 1000n;
  };
}
