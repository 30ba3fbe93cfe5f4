import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { OutputFormat } from './OutputFormat.js';
import type { ResultWriter } from './ResultWriter.js';
import { BoxWriter } from './BoxWriter.js';
import { displayWidth, widestCell } from './displayWidth.js';
import { isNumericType } from './isNumericType.js';
import { jsonValue, textValue } from './renderValue.js';

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
    const numeric = this.#types.map(isNumericType);
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
