import { describe, expect, it } from 'vitest';
import { identifierValue, positionAt, stringValue, tokenize } from '../../src/sql/Lexer.js';
import { splitStatements } from '../../src/sql/splitStatements.js';
import { OssduckError } from '../../src/OssduckError.js';

describe('splitStatements', () => {
  it('splits at semicolons outside strings, identifiers and comments', () => {
    const script = `SELECT 'a;b' AS x; -- c;d\nSELECT \`we;ird\` FROM t /* e;f */ ;SELECT "q;r";`;
    expect(splitStatements(script).map((s) => s.text)).toEqual([
      "SELECT 'a;b' AS x",
      '-- c;d\nSELECT `we;ird` FROM t /* e;f */',
      'SELECT "q;r"',
    ]);
  });

  it('drops empty statements and stray semicolons', () => {
    expect(splitStatements(' ;; -- only a comment\n ; SELECT 1 ;;').map((s) => s.text)).toEqual(['SELECT 1']);
  });

  it('keeps a last statement without a semicolon', () => {
    expect(splitStatements('SELECT 1;\nSELECT 2').map((s) => s.text)).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('reports the 1-based line and column of each statement', () => {
    const [a, b] = splitStatements('SELECT 1;\n\n  SELECT 2;');
    expect(a!.position).toEqual({ line: 1, column: 1 });
    expect(b!.position).toEqual({ line: 3, column: 3 });
  });

  it('treats a backslash-escaped quote as part of the string, as MaxCompute does', () => {
    expect(splitStatements("SELECT 'it\\'s; fine'; SELECT 2").map((s) => s.text)).toEqual(["SELECT 'it\\'s; fine'", 'SELECT 2']);
  });

  it('fails on an unterminated string with its position', () => {
    try {
      splitStatements("SELECT 1;\nSELECT 'abc");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OssduckError);
      expect((error as OssduckError).code).toBe('ODPS-0130161');
      expect((error as OssduckError).position).toEqual({ line: 2, column: 8 });
      expect((error as OssduckError).detail).toContain("unterminated string literal");
    }
  });

  it('fails on an unterminated block comment', () => {
    expect(() => splitStatements('SELECT 1 /* never closed')).toThrow(/unterminated \/\* comment/);
  });
});

describe('Lexer', () => {
  it('reads string values with doubled quotes and backslash escapes', () => {
    const [t] = tokenize("'a''b\\n\\'c'");
    expect(t!.kind).toBe('string');
    expect(stringValue(t!)).toBe("a'b\n'c");
  });

  it('reads backtick identifiers', () => {
    const [t] = tokenize('`my``table`');
    expect(t!.kind).toBe('quoted');
    expect(identifierValue(t!)).toBe('my`table');
  });

  it('maps offsets to lines and columns', () => {
    expect(positionAt('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });

  it('ends lines at \\r\\n and at a lone \\r too, as DuckDB counts them', () => {
    expect(positionAt('ab\r\ncd', 4)).toEqual({ line: 2, column: 1 });
    expect(positionAt('ab\rcd\r\n\nef', 3)).toEqual({ line: 2, column: 1 });
    expect(positionAt('ab\rcd\r\n\nef', 8)).toEqual({ line: 4, column: 1 });
  });

  it('ends a line comment at a lone \\r, as DuckDB does', () => {
    expect(splitStatements('SELECT 1 -- c\r; SELECT 2').map((s) => s.text)).toEqual(['SELECT 1 -- c', 'SELECT 2']);
  });
});
