import type { SourcePosition } from '../OssduckError.js';
import { SqlError } from './SqlError.js';

export type TokenKind =
  | 'word' // identifiers and keywords
  | 'quoted' // `backtick` or "double-quoted" identifier
  | 'string' // 'single-quoted' string
  | 'number'
  | 'symbol'
  | 'comment'
  | 'space';

export interface Token {
  readonly kind: TokenKind;
  /** The token's text as written. */
  readonly text: string;
  /** Offset of the first character in the script. */
  readonly start: number;
  readonly end: number;
}

/** 1-based line and column of `offset` in `text`. */
export function positionAt(text: string, offset: number): SourcePosition {
  return lineIndex(text)(offset);
}

/**
 * A lookup from offsets to 1-based line and column, built once for `text`.
 * Lines end at `\n`, `\r\n` or a lone `\r`, as DuckDB counts them in its
 * `LINE n:` error context (and as editors show old Mac line endings).
 */
export function lineIndex(text: string): (offset: number) => SourcePosition {
  const starts = [0];
  for (const m of text.matchAll(/\r\n?|\n/g)) starts.push(m.index + m[0].length);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

function isWordStart(c: string): boolean {
  return /[A-Za-z_\u0080-\uffff$]/.test(c);
}

function isWordPart(c: string): boolean {
  return /[A-Za-z0-9_\u0080-\uffff$]/.test(c);
}

/**
 * Splits MaxCompute SQL into tokens. Strings are single-quoted with `''` or a
 * backslash escaping a quote; identifiers may be quoted with backticks or
 * double quotes; comments are `-- ...` and `/* ... *\/`. An unterminated
 * string, identifier or comment is a parse error naming where it started.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  const push = (kind: TokenKind, start: number, end: number): void => {
    tokens.push({ kind, text: text.slice(start, end), start, end });
  };
  while (i < n) {
    const c = text[i]!;
    const start = i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      while (i < n && /\s/.test(text[i]!)) i++;
      push('space', start, i);
    } else if (c === '-' && text[i + 1] === '-') {
      // A line comment ends at the line's end, a lone \r included (DuckDB's lexer ends it there too).
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      push('comment', start, i);
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw SqlError.parse('unterminated /* comment: add the closing */', positionAt(text, start));
      i = close + 2;
      push('comment', start, i);
    } else if (c === "'" || c === '"' || c === '`') {
      i++;
      let closed = false;
      while (i < n) {
        const d = text[i]!;
        if (d === '\\' && c !== '`') {
          i += 2;
          continue;
        }
        if (d === c) {
          if (text[i + 1] === c) {
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        i++;
      }
      if (!closed) {
        const what = c === "'" ? 'string literal' : 'quoted identifier';
        throw SqlError.parse(`unterminated ${what}: add the closing ${c}`, positionAt(text, start));
      }
      push(c === "'" ? 'string' : 'quoted', start, Math.min(i, n));
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      while (i < n && /[0-9.eE]/.test(text[i]!)) {
        if ((text[i] === 'e' || text[i] === 'E') && /[+-]/.test(text[i + 1] ?? '')) i++;
        i++;
      }
      while (i < n && isWordPart(text[i]!)) i++;
      push('number', start, i);
    } else if (isWordStart(c)) {
      while (i < n && isWordPart(text[i]!)) i++;
      push('word', start, i);
    } else {
      i++;
      push('symbol', start, i);
    }
  }
  return tokens;
}

/** The value of a single-quoted string token: quotes removed, escapes applied. */
export function stringValue(token: Token): string {
  return unquote(token.text);
}

/** The name an identifier token stands for: quotes removed for quoted ones. */
export function identifierValue(token: Token): string {
  return token.kind === 'quoted' ? unquote(token.text) : token.text;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', Z: '\x1a' };
/**
 * MaxCompute reads a backslash and three octal digits from 001 to 177 as
 * that ASCII character (`'\001'` is U+0001, Hive's field separator), and
 * `\0` or `\00` as a NUL; any other character after a backslash is itself.
 */
const OCTAL = /^[0-7]{3}/;

function unquote(text: string): string {
  const q = text[0]!;
  const body = text.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && q !== '`' && i + 1 < body.length) {
      const octal = OCTAL.exec(body.slice(i + 1, i + 4))?.[0];
      const code = octal === undefined ? 0 : parseInt(octal, 8);
      if (code >= 1 && code <= 0o177) {
        out += String.fromCharCode(code);
        i += 3;
        continue;
      }
      if (body.startsWith('00', i + 1)) {
        out += '\0';
        i += 2;
        continue;
      }
      const e = body[++i]!;
      out += ESCAPES[e] ?? e;
    } else if (c === q && body[i + 1] === q) {
      out += q;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/** A statement's tokens without spaces and comments: what its grammar reads. */
export function significantTokens(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}

/** A word token's text in upper case (a keyword as written in any case); '' for any other token. */
export function keywordOf(token: Token | undefined): string {
  return token?.kind === 'word' ? token.text.toUpperCase() : '';
}
