import type { Token } from './Lexer.js';

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/**
 * What the bracket at `words[open]` encloses: the index of the bracket that
 * closes it and of the commas at its own level (not inside a nested call,
 * list or struct); undefined when the statement ends first. `words` are
 * significant tokens (no spaces or comments).
 */
export function enclosed(words: readonly Token[], open: number): { close: number; commas: number[] } | undefined {
  const commas: number[] = [];
  let depth = 0;
  for (let j = open; j < words.length; j++) {
    const t = words[j]!;
    if (t.kind !== 'symbol') continue;
    if (OPEN.has(t.text)) depth++;
    else if (CLOSE.has(t.text)) {
      if (--depth === 0) return { close: j, commas };
    } else if (t.text === ',' && depth === 1) commas.push(j);
  }
  return undefined;
}
