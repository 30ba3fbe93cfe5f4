import { describe, expect, it } from 'vitest';
import { callArgumentCounts } from '../../src/sql/callArgumentCounts.js';
import { tokenize } from '../../src/sql/Lexer.js';

/** SQL, the function, and the argument count of each of its calls. */
const VECTORS: readonly [sql: string, name: string, counts: number[]][] = [
  ['SELECT f()', 'F', [0]],
  ['SELECT f( /* none */ )', 'f', [0]],
  ['SELECT F(1)', 'f', [1]],
  ["SELECT f(1, 'a,b', g(2, 3), [4, 5], {'k': 6, 'l': 7}, (8, 9))", 'f', [6]],
  ['SELECT f(1), x.f(1, 2), f (3, 4)', 'f', [1, 2]],
  ["SELECT 'f(1, 2)', \"f\"(1, 2), f -- f(1, 2)\n", 'f', []],
  ['SELECT f(f(1, 2), 3, 4)', 'f', [3, 2]],
  ['SELECT f(x => 1, y := 2)', 'f', [2]],
  ['SELECT f(1,', 'f', [2]],
];

describe('callArgumentCounts', () => {
  it.each(VECTORS)('%s: calls of %s', (sql, name, counts) => {
    expect(callArgumentCounts(tokenize(sql), name).map((c) => c.count)).toEqual(counts);
  });

  it('gives where each call starts', () => {
    expect(callArgumentCounts(tokenize('SELECT 1, f(2)'), 'f')).toEqual([{ count: 1, start: 10 }]);
  });
});
