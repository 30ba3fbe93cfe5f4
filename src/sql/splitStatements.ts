import type { SourcePosition } from '../OssduckError.js';
import { lineIndex, tokenize } from './Lexer.js';
import type { Token } from './Lexer.js';

/** One statement of a script, without its terminating `;`. */
export interface ScriptStatement {
  /** The statement's text as written (comments included, trimmed). */
  readonly text: string;
  /** Its tokens, offsets relative to the script. */
  readonly tokens: readonly Token[];
  /** Offset of the statement's first significant token in the script. */
  readonly start: number;
  /** Offset of `text` in the script. */
  readonly textStart: number;
  /** Where that token is, 1-based. */
  readonly position: SourcePosition;
}

/**
 * Splits a script into statements at each `;` that is not inside a string,
 * quoted identifier or comment. Statements made only of blanks and comments
 * are dropped.
 */
export function splitStatements(script: string): ScriptStatement[] {
  const tokens = tokenize(script);
  const positionAt = lineIndex(script);
  const statements: ScriptStatement[] = [];
  let current: Token[] = [];
  const flush = (): void => {
    const significant = current.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
    if (significant.length > 0) {
      const first = current.findIndex((t) => t.kind !== 'space');
      const trimmed = current.slice(first);
      while (trimmed.length > 0 && trimmed[trimmed.length - 1]!.kind === 'space') trimmed.pop();
      const start = significant[0]!.start;
      const text = script.slice(trimmed[0]!.start, trimmed[trimmed.length - 1]!.end);
      statements.push({ text, tokens: trimmed, start, textStart: trimmed[0]!.start, position: positionAt(start) });
    }
    current = [];
  };
  for (const token of tokens) {
    if (token.kind === 'symbol' && token.text === ';') flush();
    else current.push(token);
  }
  flush();
  return statements;
}
