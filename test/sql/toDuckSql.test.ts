import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/sql/splitStatements.js';
import { toDuckSql } from '../../src/sql/toDuckSql.js';
import { Session } from '../../src/session/Session.js';
import escapeFile from '../fixtures/maxcompute/string-escape-vectors.json' with { type: 'json' };

/** A MaxCompute string literal and the code points of the value it stands for. */
interface EscapeVector {
  readonly literal: string;
  readonly codePoints: readonly number[];
  readonly doc: string;
}
const ESCAPES: readonly EscapeVector[] = escapeFile.vectors;

function translate(sql: string): string {
  return toDuckSql(splitStatements(sql)[0]!);
}

describe('toDuckSql', () => {
  it('leaves plain statements as written', () => {
    expect(translate("SELECT 'a''b' AS \"x\" -- c\nFROM t")).toBe("SELECT 'a''b' AS \"x\" -- c\nFROM t");
  });

  it('turns MaxCompute escapes into the DuckDB literal of the same value', () => {
    expect(translate("SELECT 'it\\'s', 'a\\\\b', 'tab\\tend'")).toBe("SELECT 'it''s', 'a\\b', 'tab\tend'");
  });

  it('turns backtick identifiers into double-quoted ones', () => {
    expect(translate('SELECT `key`, `we"ird` FROM `my table`')).toBe('SELECT "key", "we""ird" FROM "my table"');
  });

  it('gives DuckDB the values MaxCompute means', async () => {
    const runtime = await Session.open();
    try {
      const [result] = await runtime.run("SELECT 'it\\'s' AS `a b`, length('a\\\\b') AS n");
      expect(result!.columnNames).toEqual(['a b', 'n']);
      expect(result!.rows[0]).toEqual(["it's", 3n]);
    } finally {
      await runtime.close();
    }
  });
});

describe('toDuckSql and MaxCompute escapes', () => {
  it('gives DuckDB each documented escape as the value MaxCompute reads', async () => {
    const runtime = await Session.open();
    try {
      for (const { literal, codePoints } of ESCAPES) {
        const [result] = await runtime.run(`SELECT CAST(list_transform(string_split(${literal}, ''), lambda c: unicode(c)) AS VARCHAR) AS points, length(${literal}) AS n`);
        expect(result!.rows[0], literal).toEqual([`[${codePoints.join(', ')}]`, BigInt(codePoints.length)]);
      }
    } finally {
      await runtime.close();
    }
  });
});

describe('toDuckSql and NUL characters', () => {
  it('spells a NUL inside a string as chr(0), raw or escaped', () => {
    expect(translate("SELECT 'a\u0000b'")).toBe("SELECT ('a' || chr(0) || 'b')");
    expect(translate("SELECT 'a\\0b', 'c'")).toBe("SELECT ('a' || chr(0) || 'b'), 'c'");
  });

  it('blanks a NUL in a comment, so DuckDB reads on past it', () => {
    expect(translate('SELECT 1 -- a\u0000b\n + 1')).toBe('SELECT 1 -- a b\n + 1');
  });

  it('refuses a NUL outside strings and comments, naming where it is', () => {
    const script = 'SELECT 1;\nSELECT 1\u0000 + 1';
    const statement = splitStatements(script)[1]!;
    expect(() => toDuckSql(statement, (offset) => ({ line: 2, column: offset - 10 + 1 }))).toThrow(
      expect.objectContaining({ code: 'ODPS-0130161', position: { line: 2, column: 9 } }),
    );
  });

  it('gives DuckDB the whole statement: nothing after a NUL is lost', async () => {
    const runtime = await Session.open();
    try {
      const [result] = await runtime.run("SELECT length('a\\0b') AS escaped, length('a\u0000b') AS raw, 1 -- x\u0000y\n + 1 AS two");
      expect(result!.rows[0]).toEqual([3n, 3n, 2]);
      await expect(runtime.run('SELECT 1\u0000 + 1')).rejects.toMatchObject({ code: 'ODPS-0130161', position: { line: 1, column: 9 } });
    } finally {
      await runtime.close();
    }
  });
});

describe('a statement cut short', () => {
  it('is reported just past its last token, not at its start', async () => {
    const runtime = await Session.open();
    try {
      await expect(runtime.run('SELECT * FROM')).rejects.toMatchObject({ code: 'ODPS-0130161', detail: 'unexpected end of statement', position: { line: 1, column: 14 } });
      await expect(runtime.run('SELECT 1;\nSELECT *\n  FROM  -- nothing follows\n;')).rejects.toMatchObject({ position: { line: 3, column: 9 } });
    } finally {
      await runtime.close();
    }
  });
});
