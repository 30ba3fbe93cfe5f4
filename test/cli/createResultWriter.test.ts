import { DOUBLE, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { createResultWriter } from '../../src/cli/createResultWriter.js';
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

describe('ResultWriter: box wider than the terminal', () => {
  it('shows each row as a record with every value whole, and says so', () => {
    const out = render('box', ['key', 'url'], [VARCHAR, VARCHAR], [[['a.txt', URL], ['b.txt', null]]], 60);
    expect(out).toBe(
      [
        `-[ RECORD 1 ]${'-'.repeat(27)}`,
        'key | a.txt',
        `url | ${URL}`,
        `-[ RECORD 2 ]${'-'.repeat(27)}`,
        'key | b.txt',
        'url | NULL',
        '2 rows, one line per column: the rows are wider than the terminal (.mode line shows records always)',
        '',
      ].join('\n'),
    );
  });

  it('keeps every one of thirty columns, one line each', () => {
    const names = Array.from({ length: 30 }, (_, i) => `c${i + 1}`);
    const out = render('box', names, names.map(() => INTEGER), [[names.map((_, i) => i + 1)]], 80);
    expect(out.split('\n').filter((l) => /^c\d+ +\| \d+$/.test(l))).toHaveLength(30);
    expect(out).toContain('c30 | 30\n');
  });

  it('draws the box when it fits, and always with no width limit (output that is no terminal)', () => {
    expect(render('box', ['a', 'b'], [INTEGER, INTEGER], [[[1, 2]]], 80)).toContain('┌');
    const whole = render('box', ['url'], [VARCHAR], [[[URL]]], Infinity);
    expect(whole).toContain(`│ ${URL} │`);
    expect(whole).not.toContain('…');
  });

  it('keeps the first and last rows of a long wide result, with their record numbers', () => {
    const writer = createResultWriter('box', { timezone: 'UTC', maxWidth: 20, maxRows: 2 });
    const out = writer.begin(['value'], [VARCHAR]) + writer.rows(Array.from({ length: 5 }, (_, i) => [`${i}`.repeat(30)])) + writer.end();
    expect(out.split('\n').filter((l) => l.startsWith('-[')).map((l) => l.slice(0, 13))).toEqual(['-[ RECORD 1 ]', '-[ RECORD 5 ]']);
    expect(out).toContain('5 rows (2 shown), one line per column');
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
