import { describe, expect, it } from 'vitest';
import { KeyFilter, compileShellPattern } from '../../src/udf/KeyFilter.js';

function matches(pattern: string, name: string): boolean {
  const compiled = compileShellPattern(pattern);
  if ('problem' in compiled) throw new Error(compiled.problem);
  return compiled.value.test(name);
}

describe('compileShellPattern', () => {
  it.each([
    ['*.txt', 'a.txt', true],
    ['*.txt', '.txt', true],
    ['*.txt', 'a.txt.gz', false],
    ['*.txt', 'dir/a.txt', false],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['a?c', 'a中c', true],
    ['[abc]*', 'banana', true],
    ['[a-c]x', 'dx', false],
    ['[!a-c]x', 'dx', true],
    ['[^a-c]x', 'ax', false],
    ['[]]', ']', true],
    ['[a\\-z]', '-', true],
    ['\\*', '*', true],
    ['\\*', 'a', false],
    ['a.b', 'axb', false],
    ['(x)+', '(x)+', true],
    ['dir/*.csv', 'dir/a.csv', true],
    ['dir/*.csv', 'dir/sub/a.csv', false],
    ['😀*', '😀x', true],
  ])('%s on %s is %s', (pattern, name, expected) => {
    expect(matches(pattern, name)).toBe(expected);
  });

  it.each([
    ['[abc', "'[abc' has an unclosed '['"],
    ['a\\', "'a\\' ends in a lone '\\'"],
    ['[z-a]', "'[z-a]' has a bad range 'z-a'"],
  ])('refuses %s', (pattern, problem) => {
    const compiled = compileShellPattern(pattern);
    expect('problem' in compiled && compiled.problem).toContain(problem);
    expect('problem' in compiled && compiled.problem).toContain("allowed: a shell-style pattern: '*'");
  });
});

describe('KeyFilter', () => {
  const names = ['a.txt', 'b.csv', 'sub/c.txt', 'sub/deep/d.TXT', 'sub/e.csv', 'readme'];
  const take = (include: string | null, exclude: string | null): string[] => {
    const filter = KeyFilter.of(include, exclude);
    if (!('value' in filter)) throw new Error(filter.problem);
    return names.filter((n) => filter.value.takes(n));
  };

  it('matches a pattern without / against the base name, as ossutil does', () => {
    expect(take('*.txt', null)).toEqual(['a.txt', 'sub/c.txt']);
    expect(take('*.[tT][xX][tT]', null)).toEqual(['a.txt', 'sub/c.txt', 'sub/deep/d.TXT']);
  });

  it('matches a pattern with / against the name relative to the prefix', () => {
    expect(take('sub/*', null)).toEqual(['sub/c.txt', 'sub/e.csv']);
  });

  it('takes what include matches and exclude does not', () => {
    expect(take(null, '*.csv')).toEqual(['a.txt', 'sub/c.txt', 'sub/deep/d.TXT', 'readme']);
    expect(take('sub/*', 'c*')).toEqual(['sub/e.csv']);
    expect(take(null, null)).toEqual(names);
  });

  it('says which pattern is wrong', () => {
    expect(KeyFilter.of('*.txt', '[x')).toMatchObject({ which: 'exclude' });
  });
});
