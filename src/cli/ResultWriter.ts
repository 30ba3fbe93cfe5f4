import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { OutputFormat } from './OutputFormat.js';
import { jsonValue, textValue } from './renderValue.js';

/** Turns one statement's columns and rows into output text, piece by piece. */
export interface ResultWriter {
  begin(columnNames: readonly string[], columnTypes: readonly DuckDBType[]): string;
  rows(rows: readonly DuckDBValue[][]): string;
  end(): string;
}

/** Column names made unique (`a`, `a_1`, ...) so JSON objects keep every column. */
export function uniqueNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let n = 1; used.has(unique); n++) unique = `${name}_${n}`;
    used.add(unique);
    return unique;
  });
}

class JsonLinesWriter implements ResultWriter {
  #names: string[] = [];
  #types: readonly DuckDBType[] = [];
  constructor(private readonly timezone: string) {}

  begin(columnNames: readonly string[], columnTypes: readonly DuckDBType[]): string {
    this.#names = uniqueNames(columnNames);
    this.#types = columnTypes;
    return '';
  }

  protected object(row: readonly DuckDBValue[]): string {
    const object: Record<string, unknown> = {};
    for (let i = 0; i < this.#names.length; i++) object[this.#names[i]!] = jsonValue(row[i] ?? null, this.#types[i]!, this.timezone);
    return JSON.stringify(object);
  }

  rows(rows: readonly DuckDBValue[][]): string {
    return rows.map((r) => `${this.object(r)}\n`).join('');
  }

  end(): string {
    return '';
  }
}

class JsonArrayWriter extends JsonLinesWriter {
  #count = 0;

  override begin(columnNames: readonly string[], columnTypes: readonly DuckDBType[]): string {
    super.begin(columnNames, columnTypes);
    this.#count = 0;
    return '[';
  }

  override rows(rows: readonly DuckDBValue[][]): string {
    return rows.map((r) => `${this.#count++ === 0 ? '' : ',\n'}${this.object(r)}`).join('');
  }

  override end(): string {
    return ']\n';
  }
}

function csvField(text: string | null): string {
  if (text === null) return '';
  return /[",\r\n]/.test(text) || text === '' ? `"${text.replaceAll('"', '""')}"` : text;
}

class CsvWriter implements ResultWriter {
  #types: readonly DuckDBType[] = [];
  constructor(private readonly timezone: string) {}

  begin(columnNames: readonly string[], columnTypes: readonly DuckDBType[]): string {
    this.#types = columnTypes;
    return `${columnNames.map(csvField).join(',')}\n`;
  }

  rows(rows: readonly DuckDBValue[][]): string {
    return rows.map((row) => `${row.map((v, i) => csvField(textValue(v, this.#types[i]!, this.timezone))).join(',')}\n`).join('');
  }

  end(): string {
    return '';
  }
}

/**
 * A box-drawn table like DuckDB's: names and types over the rows, NULL shown
 * as NULL. When the table is wider than `maxWidth`, the widest columns are
 * cut and end in '…'. With `maxRows`, a longer result shows its first and
 * last rows around a row of `·` (DuckDB's `.maxrows`), and holds only those.
 */
class BoxWriter implements ResultWriter {
  #names: readonly string[] = [];
  #types: readonly DuckDBType[] = [];
  #head: string[][] = [];
  #tail: string[][] = [];
  #count = 0;
  readonly #headRows: number;
  readonly #tailRows: number;
  constructor(
    private readonly timezone: string,
    private readonly maxWidth: number,
    maxRows: number | undefined,
  ) {
    const limit = maxRows === undefined || maxRows <= 0 ? Infinity : Math.max(2, maxRows);
    this.#headRows = Math.ceil(limit / 2);
    this.#tailRows = limit === Infinity ? 0 : Math.floor(limit / 2);
  }

  begin(columnNames: readonly string[], columnTypes: readonly DuckDBType[]): string {
    this.#names = columnNames;
    this.#types = columnTypes;
    this.#head = [];
    this.#tail = [];
    this.#count = 0;
    return '';
  }

  rows(rows: readonly DuckDBValue[][]): string {
    for (const row of rows) {
      this.#count++;
      const cells = row.map((v, i) => (textValue(v, this.#types[i]!, this.timezone) ?? 'NULL').replace(/[\r\n\t]/g, ' '));
      if (this.#head.length < this.#headRows) this.#head.push(cells);
      else if (this.#tailRows > 0) {
        this.#tail.push(cells);
        if (this.#tail.length > this.#tailRows) this.#tail.shift();
      }
    }
    return '';
  }

  end(): string {
    const shown = [...this.#head, ...this.#tail];
    const cut = this.#count > shown.length;
    const typeNames = this.#types.map((t) => t.toString().toLowerCase());
    const natural = this.#names.map((name, i) =>
      Math.max(displayWidth(name), displayWidth(typeNames[i]!), widestCell(shown, i), 4),
    );
    const columns = visibleColumns(natural, this.maxWidth);
    const widths = columns.map((c) => (c === HIDDEN ? 1 : natural[c]!));
    const total = (): number => widths.reduce((a, w) => a + w + 3, 1);
    while (total() > this.maxWidth) {
      const widest = widths.indexOf(Math.max(...widths));
      if (widths[widest]! <= MIN_CUT_WIDTH) break;
      widths[widest] = widths[widest]! - 1;
    }
    const pick = (cells: readonly string[], hidden: string): string[] => columns.map((c) => (c === HIDDEN ? hidden : cells[c]!));
    const line = (l: string, m: string, r: string): string => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}\n`;
    const row = (cells: readonly string[], align: (i: number) => 'left' | 'center' | 'right'): string =>
      `│${cells.map((c, i) => ` ${fit(c, widths[i]!, align(i))} `).join('│')}│\n`;
    const numeric = columns.map((c) => c !== HIDDEN && isNumeric(this.#types[c]!));
    const data = (i: number): 'left' | 'center' | 'right' => (columns[i] === HIDDEN ? 'center' : numeric[i] ? 'right' : 'left');
    let out = line('┌', '┬', '┐');
    out += row(pick(this.#names, '…'), () => 'center');
    out += row(pick(typeNames, ''), () => 'center');
    out += line('├', '┼', '┤');
    for (const cells of this.#head) out += row(pick(cells, '…'), data);
    if (cut) for (let i = 0; i < 3; i++) out += row(columns.map(() => '·'), () => 'center');
    for (const cells of this.#tail) out += row(pick(cells, '…'), data);
    if (this.#count === 0) {
      const inner = widths.reduce((a, w) => a + w + 2, widths.length - 1);
      out += `│ ${fit('0 rows', inner - 2, 'center')} │\n`;
    }
    out += line('└', '┴', '┘');
    const hiddenNote = columns.includes(HIDDEN) ? `${this.#names.length} columns (${columns.length - 1} shown)` : '';
    if (this.#count > 0) {
      out += `${this.#count} ${this.#count === 1 ? 'row' : 'rows'}${cut ? ` (${shown.length} shown)` : ''}${hiddenNote ? `, ${hiddenNote}` : ''}\n`;
    } else if (hiddenNote) {
      out += `${hiddenNote}\n`;
    }
    this.#head = [];
    this.#tail = [];
    return out;
  }
}

/** A column a box may cut to, ending in '…', before it hides columns instead. */
const MIN_CUT_WIDTH = 8;
/** In a box's column list: the '…' column standing for the hidden middle ones. */
const HIDDEN = -1;

/**
 * The columns a box shows within `maxWidth`, as DuckDB's box does: all of them
 * when they fit with each cut to at most MIN_CUT_WIDTH, else the first and
 * last ones with a '…' column (HIDDEN) in place of the middle. Pure.
 */
export function visibleColumns(widths: readonly number[], maxWidth: number): number[] {
  const cost = (i: number): number => Math.min(widths[i]!, MIN_CUT_WIDTH) + 3;
  const all = widths.map((_, i) => i);
  if (all.reduce((a, i) => a + cost(i), 1) <= maxWidth || widths.length <= 2) return all;
  let left = Math.ceil(widths.length / 2);
  let right = widths.length - left;
  const used = (): number => {
    let sum = 1 + 4; // the borders and the '…' column
    for (let i = 0; i < left; i++) sum += cost(i);
    for (let i = widths.length - right; i < widths.length; i++) sum += cost(i);
    return sum;
  };
  while (used() > maxWidth && left + right > 2) {
    if (left > right) left--;
    else right--;
  }
  return [...all.slice(0, left), HIDDEN, ...all.slice(widths.length - right)];
}

/** The display width of column `i`'s widest cell (a loop: a spread of a million rows overflows the stack). */
function widestCell(rows: readonly (readonly string[])[], i: number): number {
  let widest = 0;
  for (const row of rows) widest = Math.max(widest, displayWidth(row[i]!));
  return widest;
}

/** Whether a column's values are numbers, shown right-aligned. */
function isNumeric(type: DuckDBType): boolean {
  return /INT|DECIMAL|DOUBLE|FLOAT/.test(type.toString());
}

/**
 * A GitHub-flavoured Markdown table: column names, a separator row (numbers
 * right-aligned), then one row per result row. Values are whole; `|` is
 * escaped, a line break becomes `<br>`, NULL is shown as NULL.
 */
class MarkdownWriter implements ResultWriter {
  #names: readonly string[] = [];
  #types: readonly DuckDBType[] = [];
  #cells: string[][] = [];
  constructor(private readonly timezone: string) {}

  begin(columnNames: readonly string[], columnTypes: readonly DuckDBType[]): string {
    this.#names = columnNames.map(markdownCell);
    this.#types = columnTypes;
    this.#cells = [];
    return '';
  }

  rows(rows: readonly DuckDBValue[][]): string {
    for (const row of rows) this.#cells.push(row.map((v, i) => markdownCell(textValue(v, this.#types[i]!, this.timezone) ?? 'NULL')));
    return '';
  }

  end(): string {
    const numeric = this.#types.map(isNumeric);
    const widths = this.#names.map((name, i) => Math.max(3, displayWidth(name), widestCell(this.#cells, i)));
    const row = (cells: readonly string[], align: (i: number) => 'left' | 'right'): string =>
      `| ${cells.map((c, i) => pad(c, widths[i]!, align(i))).join(' | ')} |\n`;
    let out = row(this.#names, () => 'left');
    out += `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|\n`;
    for (const cells of this.#cells) out += row(cells, (i) => (numeric[i] ? 'right' : 'left'));
    this.#cells = [];
    return out;
  }
}

function markdownCell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\r\n|\r|\n/g, '<br>');
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/**
 * DuckDB's and SQLite's `.mode line`: one `name = value` line per column,
 * names right-aligned, a blank line between rows. Values are whole (a long
 * URL is never cut), NULL is shown as NULL.
 */
class LineWriter implements ResultWriter {
  #labels: string[] = [];
  #types: readonly DuckDBType[] = [];
  #count = 0;
  constructor(private readonly timezone: string) {}

  begin(columnNames: readonly string[], columnTypes: readonly DuckDBType[]): string {
    const width = Math.max(0, ...columnNames.map(displayWidth));
    this.#labels = columnNames.map((name) => ' '.repeat(width - displayWidth(name)) + name);
    this.#types = columnTypes;
    this.#count = 0;
    return '';
  }

  rows(rows: readonly DuckDBValue[][]): string {
    let out = '';
    for (const row of rows) {
      if (this.#count++ > 0) out += '\n';
      for (let i = 0; i < this.#labels.length; i++) out += `${this.#labels[i]} = ${textValue(row[i] ?? null, this.#types[i]!, this.timezone) ?? 'NULL'}\n`;
    }
    return out;
  }

  end(): string {
    return '';
  }
}

/** Terminal columns a string takes: wide (CJK, emoji) characters count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** `text` cut (ending in '…') or padded to exactly `width` columns. */
function fit(text: string, width: number, align: 'left' | 'center' | 'right'): string {
  let shown = text;
  if (displayWidth(text) > width) {
    shown = '';
    let w = 0;
    for (const ch of text) {
      const cw = isWide(ch.codePointAt(0)!) ? 2 : 1;
      if (w + cw > width - 1) break;
      shown += ch;
      w += cw;
    }
    shown += '…';
  }
  const pad = width - displayWidth(shown);
  if (align === 'right') return ' '.repeat(pad) + shown;
  if (align === 'center') return ' '.repeat(Math.floor(pad / 2)) + shown + ' '.repeat(Math.ceil(pad / 2));
  return shown + ' '.repeat(pad);
}

/**
 * The writer for `format`. `maxWidth` (terminal columns) and `maxRows` (rows
 * shown, first and last; all when undefined or 0) apply to `box` only.
 */
export function createResultWriter(format: OutputFormat, options: { timezone: string; maxWidth: number; maxRows?: number | undefined }): ResultWriter {
  switch (format) {
    case 'jsonl':
      return new JsonLinesWriter(options.timezone);
    case 'json':
      return new JsonArrayWriter(options.timezone);
    case 'csv':
      return new CsvWriter(options.timezone);
    case 'box':
      return new BoxWriter(options.timezone, options.maxWidth, options.maxRows);
    case 'markdown':
      return new MarkdownWriter(options.timezone);
    case 'line':
      return new LineWriter(options.timezone);
  }
}
