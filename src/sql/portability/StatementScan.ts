import type { SourcePosition } from '../../OssduckError.js';
import { lineIndex } from '../Lexer.js';
import type { Token } from '../Lexer.js';
import type { ScriptStatement } from '../splitStatements.js';
import type { FindingKind, PortabilityFinding } from './PortabilityFinding.js';

/**
 * A statement's significant tokens (no spaces or comments) with what the
 * checks ask of them: upper-cased words, adjacency, positions in the script,
 * and, for each token, the function call whose parentheses it is in.
 */
export class StatementScan {
  readonly statement: ScriptStatement;
  readonly tokens: readonly Token[];
  /** Each token's text, upper-cased for words. */
  readonly words: readonly string[];
  /** For each token, the index of the call name whose argument list holds it, or -1. */
  readonly enclosingCall: readonly number[];
  /** For each `(`, whether the word before it is called (a function call). */
  readonly calls: ReadonlySet<number>;
  readonly #positionAt: (offset: number) => SourcePosition;

  constructor(statement: ScriptStatement, isCall: (scan: StatementScan, nameIndex: number) => boolean) {
    this.statement = statement;
    this.tokens = statement.tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
    this.words = this.tokens.map((t) => (t.kind === 'word' ? t.text.toUpperCase() : t.text));
    this.#positionAt = statementPositions(statement);
    const calls = new Set<number>();
    const enclosing: number[] = [];
    const stack: number[] = [];
    for (let i = 0; i < this.tokens.length; i++) {
      enclosing.push(stack.length > 0 ? stack[stack.length - 1]! : -1);
      if (this.words[i] === '(') {
        const called = i > 0 && this.tokens[i - 1]!.kind === 'word' && isCall(this, i - 1);
        if (called) calls.add(i - 1);
        stack.push(called ? i - 1 : stack.length > 0 ? stack[stack.length - 1]! : -1);
      } else if (this.words[i] === ')') {
        stack.pop();
      }
    }
    this.calls = calls;
    this.enclosingCall = enclosing;
  }

  word(i: number): string | undefined {
    return this.tokens[i]?.kind === 'word' ? this.words[i] : undefined;
  }

  /** Whether tokens i and i+1 touch (`::`, `->`), with nothing between them. */
  touching(i: number): boolean {
    const a = this.tokens[i];
    const b = this.tokens[i + 1];
    return a !== undefined && b !== undefined && a.end === b.start;
  }

  /** Whether the tokens from `i` are these words (or symbols). */
  startsAt(i: number, ...words: string[]): boolean {
    return words.every((w, k) => this.words[i + k] === w);
  }

  position(i: number): SourcePosition {
    return this.#positionAt(this.tokens[i]!.start);
  }

  positionOf(offset: number): SourcePosition {
    return this.#positionAt(offset);
  }

  finding(i: number, kind: FindingKind, code: string, message: string, instead: string, construct = this.tokens[i]!.text): PortabilityFinding {
    return { ...this.position(i), kind, code, construct, message, instead };
  }
}

/**
 * Positions in the script of offsets in `statement`, from the statement alone:
 * its text's lines, placed at the statement's known position.
 */
export function statementPositions(statement: ScriptStatement): (offset: number) => SourcePosition {
  const local = lineIndex(statement.text);
  const first = local(statement.start - statement.textStart);
  const line0 = statement.position.line - (first.line - 1);
  // The text's first line holds significant tokens only when the first token is on it.
  const column0 = first.line === 1 ? statement.position.column - (first.column - 1) : 1;
  return (offset) => {
    const p = local(offset - statement.textStart);
    return p.line === 1 ? { line: line0, column: column0 + p.column - 1 } : { line: line0 + p.line - 1, column: p.column };
  };
}
