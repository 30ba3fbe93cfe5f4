import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { displayWidth, fit, widestCell } from './displayWidth.js';
import { isNumericType } from './isNumericType.js';
import { textValue } from './renderValue.js';
import type { ResultWriter } from './ResultWriter.js';

/**
 * A box-drawn table like DuckDB's: names and types over the rows, NULL shown
 * as NULL. Values are never cut: when the table is wider than `maxWidth` (a
 * terminal's columns), each row is shown as a record instead, one `column |
 * value` line per column with the value whole (psql's expanded display), and
 * the count line says so. With `maxRows`, a longer result shows its first and
 * last rows around a row of `·` (DuckDB's `.maxrows`), and holds only those.
 */
export class BoxWriter implements ResultWriter {
  #names: readonly string[] = [];
  #types: readonly DuckDBType[] = [];
  #head: string[][] = [];
  #tail: string[][] = [];
  #count = 0;
  readonly #headRows: number;
  readonly #tailRows: number;
  readonly #timezone: string;
  readonly #maxWidth: number;

  constructor(timezone: string, maxWidth: number, maxRows: number | undefined) {
    this.#timezone = timezone;
    this.#maxWidth = maxWidth;
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
      const cells = row.map((v, i) => (textValue(v, this.#types[i]!, this.#timezone) ?? 'NULL').replace(/[\r\n\t]/g, ' '));
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
    const typeNames = this.#types.map((t) => t.toString().toLowerCase());
    const widths = this.#names.map((name, i) => Math.max(displayWidth(name), displayWidth(typeNames[i]!), widestCell(shown, i), 4));
    const wide = widths.reduce((a, w) => a + w + 3, 1) > this.#maxWidth;
    const out = wide && this.#count > 0 ? this.#records() : this.#box(widths, typeNames);
    this.#head = [];
    this.#tail = [];
    return out;
  }

  /** How many rows there were, and how many are shown. */
  #countLine(how: string): string {
    const cut = this.#count > this.#head.length + this.#tail.length;
    const shownCount = cut ? ` (${this.#head.length + this.#tail.length} shown)` : '';
    return `${this.#count} ${this.#count === 1 ? 'row' : 'rows'}${shownCount}${how}\n`;
  }

  #box(widths: readonly number[], typeNames: readonly string[]): string {
    const cut = this.#count > this.#head.length + this.#tail.length;
    const line = (l: string, m: string, r: string): string => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}\n`;
    const row = (cells: readonly string[], align: (i: number) => 'left' | 'center' | 'right'): string =>
      `│${cells.map((c, i) => ` ${fit(c, widths[i]!, align(i))} `).join('│')}│\n`;
    const numeric = this.#types.map(isNumericType);
    const data = (i: number): 'left' | 'right' => (numeric[i] ? 'right' : 'left');
    let out = line('┌', '┬', '┐');
    out += row(this.#names, () => 'center');
    out += row(typeNames, () => 'center');
    out += line('├', '┼', '┤');
    for (const cells of this.#head) out += row(cells, data);
    if (cut) for (let i = 0; i < 3; i++) out += row(widths.map(() => '·'), () => 'center');
    for (const cells of this.#tail) out += row(cells, data);
    if (this.#count === 0) {
      const inner = widths.reduce((a, w) => a + w + 2, widths.length - 1);
      out += `│ ${fit('0 rows', inner - 2, 'center')} │\n`;
    }
    out += line('└', '┴', '┘');
    if (this.#count > 0) out += this.#countLine('');
    return out;
  }

  /** Each row as a record: `-[ RECORD n ]-` then one `column | value` line per column, the value whole. */
  #records(): string {
    const labelWidth = Math.max(...this.#names.map(displayWidth));
    const rule = Math.min(this.#maxWidth, 40);
    const record = (cells: readonly string[], n: number): string => {
      const title = `-[ RECORD ${n} ]`;
      let out = `${title}${'-'.repeat(Math.max(1, rule - title.length))}\n`;
      cells.forEach((cell, i) => {
        out += `${fit(this.#names[i]!, labelWidth, 'left')} | ${cell}\n`;
      });
      return out;
    };
    let out = '';
    this.#head.forEach((cells, i) => (out += record(cells, i + 1)));
    if (this.#count > this.#head.length + this.#tail.length) out += '  ·\n  ·\n  ·\n';
    const first = this.#count - this.#tail.length + 1;
    this.#tail.forEach((cells, i) => (out += record(cells, first + i)));
    return out + this.#countLine(', one line per column: the rows are wider than the terminal (.mode line shows records always)');
  }
}
