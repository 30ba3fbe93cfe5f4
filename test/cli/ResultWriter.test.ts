import { DOUBLE, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { createResultWriter, visibleColumns } from '../../src/cli/ResultWriter.js';
import type { OutputFormat } from '../../src/cli/OutputFormat.js';

const URL = `https://examplebucket.oss-cn-hangzhou.aliyuncs.com/dir/a.txt?x-oss-credential=${'A'.repeat(40)}&x-oss-signature=${'f'.repeat(64)}`;

function render(format: OutputFormat, names: string[], types: DuckDBType[], chunks: DuckDBValue[][][], maxWidth = 80): string {
  const writer = createResultWriter(format, { timezone: 'UTC', maxWidth });
  let out = writer.begin(names, types);
  for (const rows of chunks) out += writer.rows(rows);
  return out + writer.end();
}

describe('ResultWriter: markdown', () => {
  it('writes a GitHub table, numbers right-aligned, NULL as NULL, | escaped and line breaks as <br>', () => {
    const out = render('markdown', ['n', 'name', 'note'], [INTEGER, VARCHAR, VARCHAR], [[[42, 'a|b', 'x\ny']], [[7, null, '中文']]]);
    expect(out).toBe(
      ['| n   | name | note   |', '|----:|------|--------|', '|  42 | a\\|b | x<br>y |', '|   7 | NULL | 中文   |', ''].join('\n'),
    );
  });

  it('keeps long values whole, whatever the width', () => {
    const out = render('markdown', ['url'], [VARCHAR], [[[URL]]], 40);
    expect(out).toContain(`| ${URL} |`);
  });

  it('writes the header alone for no rows', () => {
    expect(render('markdown', ['a', 'b'], [DOUBLE, VARCHAR], [])).toBe('| a   | b   |\n|----:|-----|\n');
  });
});

describe('ResultWriter: line', () => {
  it('writes one name = value line per column, names right-aligned, rows apart by a blank line', () => {
    const out = render('line', ['n', 'longname'], [INTEGER, VARCHAR], [[[1, 'x']], [[2, null]]]);
    expect(out).toBe('       n = 1\nlongname = x\n\n       n = 2\nlongname = NULL\n');
  });

  it('shows a long URL whole on one line', () => {
    const out = render('line', ['url'], [VARCHAR], [[[URL]]], 40);
    expect(out).toBe(`url = ${URL}\n`);
  });

  it('writes nothing for no rows, and starts afresh for the next statement', () => {
    const writer = createResultWriter('line', { timezone: 'UTC', maxWidth: 80 });
    expect(writer.begin(['a'], [INTEGER]) + writer.end()).toBe('');
    expect(writer.begin(['b'], [INTEGER]) + writer.rows([[1]]) + writer.end()).toBe('b = 1\n');
  });
});

describe('ResultWriter: box', () => {
  it('cuts a wide URL at the width with a marker', () => {
    const out = render('box', ['url'], [VARCHAR], [[[URL]]], 60);
    for (const line of out.trimEnd().split('\n').slice(0, -1)) expect(line.length).toBeLessThanOrEqual(60);
    expect(out).toContain('…');
    expect(out).not.toContain(URL);
  });
});

describe('ResultWriter: box wider than the terminal', () => {
  const names = Array.from({ length: 30 }, (_, i) => `c${i + 1}`);
  const types = names.map(() => INTEGER);
  const row = names.map((_, i) => i + 1);

  it('hides middle columns behind a … column so every line fits, and says how many it shows', () => {
    const out = render('box', names, types, [[row, row]], 80);
    const lines = out.trimEnd().split('\n');
    for (const line of lines.slice(0, -1)) expect([...line].length).toBeLessThanOrEqual(80);
    const header = lines[1]!.split('│').map((c) => c.trim()).filter((c) => c !== '');
    expect(header[0]).toBe('c1');
    expect(header.at(-1)).toBe('c30');
    expect(header).toContain('…');
    const shown = header.length - 1;
    expect(shown).toBeGreaterThanOrEqual(4);
    expect(lines.at(-1)).toBe(`2 rows, 30 columns (${shown} shown)`);
    // The cells keep their columns: the last value is the last column's.
    expect(lines[4]!.split('│').map((c) => c.trim()).filter((c) => c !== '').at(-1)).toBe('30');
  });

  it('shows every column when they fit, and chooses the columns as a pure function', () => {
    expect(render('box', ['a', 'b'], [INTEGER, INTEGER], [[[1, 2]]], 80)).not.toContain('…');
    expect(visibleColumns([7, 7, 7], 200)).toEqual([0, 1, 2]);
    expect(visibleColumns(Array(30).fill(7), 60)).toEqual([0, 1, 2, -1, 28, 29]);
    expect(visibleColumns([100, 100], 20)).toEqual([0, 1]);
  });
});

describe('ResultWriter: box with maxRows', () => {
  const rows = (n: number): DuckDBValue[][][] => [Array.from({ length: n }, (_, i) => [i])];

  it('shows the first and last rows around dots, and says how many it shows', () => {
    const writer = createResultWriter('box', { timezone: 'UTC', maxWidth: 80, maxRows: 4 });
    let out = writer.begin(['i'], [INTEGER]);
    for (const chunk of [[[0], [1], [2]], [[3], [4]], [[5], [6]]]) out += writer.rows(chunk);
    out += writer.end();
    const body = out.split('\n').filter((l) => l.startsWith('│')).slice(2).map((l) => l.replace(/[│ ]/g, ''));
    expect(body).toEqual(['0', '1', '·', '·', '·', '5', '6']);
    expect(out).toContain('7 rows (4 shown)\n');
  });

  it('shows every row up to the limit, and all without one', () => {
    const limited = render('box', ['i'], [INTEGER], rows(4));
    expect(limited).toContain('4 rows\n');
    const writer = createResultWriter('box', { timezone: 'UTC', maxWidth: 80, maxRows: 40 });
    const out = writer.begin(['i'], [INTEGER]) + writer.rows(rows(40)[0]!) + writer.end();
    expect(out).toContain('40 rows\n');
    expect(out).not.toContain('·');
  });
});
