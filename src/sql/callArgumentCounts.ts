import type { Token } from './Lexer.js';

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/**
 * Every call `name(...)` among `tokens` (case-insensitive; a method call
 * `x.name(...)` is none), with how many arguments it is given and where its
 * name starts. Pure: reads tokens only.
 */
export function callArgumentCounts(tokens: readonly Token[], name: string): { count: number; start: number }[] {
  const significant = tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  const wanted = name.toUpperCase();
  const calls: { count: number; start: number }[] = [];
  for (let i = 0; i < significant.length; i++) {
    const t = significant[i]!;
    if (t.kind !== 'word' || t.text.toUpperCase() !== wanted || significant[i + 1]?.text !== '(' || significant[i - 1]?.text === '.') continue;
    let depth = 0;
    let commas = 0;
    let empty = true;
    for (let j = i + 1; j < significant.length; j++) {
      const u = significant[j]!;
      if (u.kind === 'symbol' && OPEN.has(u.text)) depth++;
      else if (u.kind === 'symbol' && CLOSE.has(u.text)) depth--;
      else if (depth === 1 && u.kind === 'symbol' && u.text === ',') commas++;
      if (depth === 0) break;
      if (j > i + 1) empty = false;
    }
    calls.push({ count: empty ? 0 : commas + 1, start: t.start });
  }
  return calls;
}
