import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryFile, historyEntries, historyPath } from '../../src/cli/HistoryFile.js';

describe('historyPath', () => {
  it('is ~/.ossduck_history unless OSSDUCK_HISTORY names another file; empty means none', () => {
    expect(historyPath({ HOME: '/home/ann' }, '/fallback')).toBe('/home/ann/.ossduck_history');
    expect(historyPath({}, '/fallback')).toBe('/fallback/.ossduck_history');
    expect(historyPath({ HOME: '/home/ann', OSSDUCK_HISTORY: '/tmp/h' }, '/fallback')).toBe('/tmp/h');
    expect(historyPath({ HOME: '/home/ann', OSSDUCK_HISTORY: '' }, '/fallback')).toBeUndefined();
  });
});

describe('historyEntries', () => {
  it('drops blank lines and repeats in a row, keeping the last ones, oldest first', () => {
    expect(historyEntries('a\n\n   \nb\nb\na\n\t\nc\n', 3)).toEqual(['b', 'a', 'c']);
    expect(historyEntries('', 10)).toEqual([]);
    expect(historyEntries('x\r\ny\r\n', 10)).toEqual(['x', 'y']);
  });
});

describe('HistoryFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-history-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads nothing before the file exists, then appends entered lines only, readable by its owner alone', () => {
    const path = join(dir, 'h');
    const history = new HistoryFile(path);
    expect(history.load()).toEqual([]);
    for (const line of ['SELECT 1;', '', '   ', 'SELECT 1;', '.tables', 'SELECT 1;']) history.append(line);
    expect(readFileSync(path, 'utf8')).toBe('SELECT 1;\n.tables\nSELECT 1;\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(new HistoryFile(path).load()).toEqual(['SELECT 1;', '.tables', 'SELECT 1;']);
  });

  it('cuts a file grown past twice its limit back to the limit when loading', () => {
    const path = join(dir, 'h');
    writeFileSync(path, Array.from({ length: 25 }, (_, i) => `q${i}\n`).join(''));
    expect(new HistoryFile(path, 10).load()).toEqual(Array.from({ length: 10 }, (_, i) => `q${24 - i}`));
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(10);
  });

  it('does not repeat the last line of the file', () => {
    const path = join(dir, 'h');
    writeFileSync(path, 'a\nb\n');
    const history = new HistoryFile(path);
    history.load();
    history.append('b');
    history.append('c');
    expect(readFileSync(path, 'utf8')).toBe('a\nb\nc\n');
  });
});
