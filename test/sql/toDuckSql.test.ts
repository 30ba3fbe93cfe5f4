import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/sql/splitStatements.js';
import { toDuckSql } from '../../src/sql/toDuckSql.js';
import { Runtime } from '../../src/sql/Runtime.js';

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
    const runtime = await Runtime.open();
    try {
      const [result] = await runtime.run("SELECT 'it\\'s' AS `a b`, length('a\\\\b') AS n");
      expect(result!.columnNames).toEqual(['a b', 'n']);
      expect(result!.rows[0]).toEqual(["it's", 3n]);
    } finally {
      await runtime.close();
    }
  });
});
