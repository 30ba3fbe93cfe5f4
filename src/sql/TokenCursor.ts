import type { SourcePosition } from '../OssduckError.js';
import type { QualifiedName } from './DialectStatement.js';
import { identifierValue, stringValue } from './Lexer.js';
import type { Token } from './Lexer.js';
import { SqlError } from './SqlError.js';

/** A cursor over a statement's significant tokens. */
export class TokenCursor {
  readonly #tokens: readonly Token[];
  readonly #positionAt: (offset: number) => SourcePosition;
  readonly #end: number;
  #i = 0;

  constructor(tokens: readonly Token[], positionAt: (offset: number) => SourcePosition, end: number) {
    this.#tokens = tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
    this.#positionAt = positionAt;
    this.#end = end;
  }

  peek(offset = 0): Token | undefined {
    return this.#tokens[this.#i + offset];
  }

  /** Whether the statement's last significant tokens are these words. */
  endsWithWords(...words: string[]): boolean {
    const tail = this.#tokens.slice(-words.length);
    return tail.length === words.length && tail.every((t, k) => t.kind === 'word' && t.text.toUpperCase() === words[k]);
  }

  atEnd(): boolean {
    return this.#i >= this.#tokens.length;
  }

  next(): Token | undefined {
    return this.#tokens[this.#i++];
  }

  isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.kind === 'word' && t.text.toUpperCase() === word;
  }

  acceptWords(...words: string[]): boolean {
    if (!words.every((w, k) => this.isWord(w, k))) return false;
    this.#i += words.length;
    return true;
  }

  expectWord(word: string, context: string): void {
    if (!this.acceptWords(word)) throw this.error(`expected ${word} ${context}`);
  }

  acceptSymbol(symbol: string): boolean {
    const t = this.peek();
    if (t && t.kind === 'symbol' && t.text === symbol) {
      this.#i++;
      return true;
    }
    return false;
  }

  expectSymbol(symbol: string, context: string): void {
    if (!this.acceptSymbol(symbol)) throw this.error(`expected '${symbol}' ${context}`);
  }

  position(): SourcePosition {
    const t = this.peek();
    return this.#positionAt(t ? t.start : this.#end);
  }

  /** A parse error at the current token, quoting it as MaxCompute does. */
  error(detail: string): SqlError {
    const t = this.peek();
    const found = t ? `invalid token '${t.text}'` : 'unexpected end of statement';
    return SqlError.parse(`${found}: ${detail}`, this.position());
  }

  identifier(what: string): string {
    const t = this.peek();
    if (!t || (t.kind !== 'word' && t.kind !== 'quoted') || (t.kind === 'quoted' && t.text.startsWith('"'))) {
      throw this.error(`expected ${what}`);
    }
    this.#i++;
    const name = identifierValue(t);
    if (name === '') throw SqlError.parse(`empty ${what}`, this.#positionAt(t.start));
    return name;
  }

  qualifiedName(what: string, maxParts: number): QualifiedName {
    const position = this.position();
    const parts = [this.identifier(what)];
    while (this.acceptSymbol('.')) {
      if (parts.length >= maxParts) throw this.error(`${what} has more than ${maxParts} parts`);
      parts.push(this.identifier(what));
    }
    return { parts, position };
  }

  string(what: string): { value: string; position: SourcePosition } {
    const t = this.peek();
    if (!t || t.kind !== 'string') throw this.error(`expected ${what} as a quoted string`);
    this.#i++;
    const value = stringValue(t);
    // These values reach DuckDB's SQL text (a table COMMENT) or files; DuckDB would read a NUL as the end of the text.
    if (value.includes('\u0000')) throw SqlError.parse(`${what} cannot hold a NUL character (U+0000)`, this.#positionAt(t.start));
    return { value, position: this.#positionAt(t.start) };
  }

  expectEnd(context: string): void {
    if (!this.atEnd()) throw this.error(`nothing may follow ${context}`);
  }

  /** The raw text from the current token to the end of the statement. */
  rest(source: string): string {
    const t = this.peek();
    return t ? source.slice(t.start, this.#end) : '';
  }
}
