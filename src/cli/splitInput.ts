import { tokenize } from '../sql/Lexer.js';
import type { Token } from '../sql/Lexer.js';
import { SqlError } from '../sql/SqlError.js';

/** What a shell does with the text typed so far. */
export interface InputSplit {
  /**
   * The text up to and including the last `;` that ends a statement outside
   * strings, quoted identifiers and comments: ready to run ('' when none).
   */
  readonly complete: string;
  /**
   * The start of the next statement, still being typed ('' when nothing but
   * blanks and comments is left): the shell keeps reading while it is not ''.
   */
  readonly pending: string;
}

function tokensOf(text: string): Token[] | undefined {
  try {
    return tokenize(text);
  } catch (error) {
    // The lexer throws only for an unterminated string, quoted identifier or /* comment.
    if (error instanceof SqlError) return undefined;
    throw error;
  }
}

/**
 * Splits what was typed into statements ready to run and the rest. An
 * unterminated string, quoted identifier or comment means "keep reading":
 * nothing is complete until it is closed. Pure.
 */
export function splitInput(buffer: string): InputSplit {
  const tokens = tokensOf(buffer);
  if (!tokens) return { complete: '', pending: buffer };
  let end = -1;
  for (const token of tokens) if (token.kind === 'symbol' && token.text === ';') end = token.end;
  const rest = end < 0 ? buffer : buffer.slice(end);
  const restHasStatement = tokens.some((t) => t.start >= Math.max(end, 0) && t.kind !== 'space' && t.kind !== 'comment' && !(t.kind === 'symbol' && t.text === ';'));
  return { complete: end < 0 ? '' : buffer.slice(0, end), pending: restHasStatement ? rest.replace(/^\s*\n/, '') : '' };
}
