import { describe, expect, it } from 'vitest';
import { lineIndex } from '../../src/sql/Lexer.js';
import { parseDialect } from '../../src/sql/parseDialect.js';
import { splitStatements } from '../../src/sql/splitStatements.js';
import { OssduckError } from '../../src/OssduckError.js';

function parse(sql: string) {
  const [statement] = splitStatements(sql);
  return parseDialect(statement!, sql, lineIndex(sql));
}

function parseError(sql: string): OssduckError {
  try {
    parse(sql);
  } catch (error) {
    return error as OssduckError;
  }
  throw new Error(`no error for ${sql}`);
}

describe('parseDialect', () => {
  it('reads SET of odps.* and ossduck.* keys with the raw value', () => {
    expect(parse('SET odps.sql.timezone=Asia/Shanghai')).toEqual({ kind: 'set', key: 'odps.sql.timezone', value: 'Asia/Shanghai' });
    expect(parse('set ossduck.signing_time = 2026-11-23T12:00:00Z')).toEqual({ kind: 'set', key: 'ossduck.signing_time', value: '2026-11-23T12:00:00Z' });
    expect(parse('SET ossduck.signing_time=')).toEqual({ kind: 'set', key: 'ossduck.signing_time', value: '' });
  });

  it('leaves DuckDB SET statements to DuckDB', () => {
    expect(parse('SET threads=2')).toBeUndefined();
    expect(parse("SET VARIABLE x = 'a'")).toBeUndefined();
  });

  it('reads USE project, USE project.schema and USE SCHEMA', () => {
    expect(parse('USE my_project')).toMatchObject({ kind: 'useProject', project: 'my_project', schema: undefined });
    expect(parse('use `my_project`.s1')).toMatchObject({ kind: 'useProject', project: 'my_project', schema: 's1' });
    expect(parse('USE SCHEMA my_schema')).toMatchObject({ kind: 'useSchema', schema: { parts: ['my_schema'] } });
  });

  it('reads CREATE SCHEMA with IF NOT EXISTS and COMMENT', () => {
    expect(parse("CREATE SCHEMA IF NOT EXISTS p1.s1 COMMENT 'docs'")).toMatchObject({
      kind: 'createSchema',
      name: { parts: ['p1', 's1'] },
      ifNotExists: true,
      comment: 'docs',
    });
  });

  it('reads CREATE OBJECT TABLE with every clause', () => {
    const sql = `CREATE OBJECT TABLE IF NOT EXISTS p1.s1.docs
      COMMENT 'my docs'
      LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/b-1/dir/'
      WITH SERDEPROPERTIES ('odps.properties.rolearn'='acs:ram::1234567890:role/aliyunodpsdefaultrole')
      TBLPROPERTIES ('a'='1', 'b'='2')`;
    expect(parse(sql)).toMatchObject({
      kind: 'createObjectTable',
      name: { parts: ['p1', 's1', 'docs'], position: { line: 1, column: 35 } },
      ifNotExists: true,
      location: 'oss://oss-cn-hangzhou-internal.aliyuncs.com/b-1/dir/',
      locationPosition: { line: 3, column: 16 },
      serdeProperties: [['odps.properties.rolearn', 'acs:ram::1234567890:role/aliyunodpsdefaultrole']],
      tblProperties: [['a', '1'], ['b', '2']],
      comment: 'my docs',
    });
  });

  it('requires LOCATION, and says where', () => {
    const error = parseError('CREATE OBJECT TABLE docs');
    expect(error.code).toBe('ODPS-0130161');
    expect(error.detail).toContain("LOCATION 'oss://<endpoint>/<bucket>/<prefix>/'");
  });

  it('refuses a clause given twice and an unknown clause, naming the token', () => {
    expect(parseError("CREATE OBJECT TABLE t LOCATION 'oss://a/b' LOCATION 'oss://a/c'").detail).toContain('LOCATION is given twice');
    const error = parseError("CREATE OBJECT TABLE t LOCATION 'oss://e/b' STORED AS x");
    expect(error.detail).toContain("invalid token 'STORED'");
    expect(error.position).toEqual({ line: 1, column: 44 });
  });

  it('refuses a non-string property value', () => {
    expect(parseError("CREATE OBJECT TABLE t LOCATION 'oss://e/b' TBLPROPERTIES ('a'=1)").detail).toContain("value of TBLPROPERTIES key 'a'");
  });

  it('refuses a NUL character in a string value (DuckDB would read it as the end of the text), naming the string', () => {
    const error = parseError("CREATE OBJECT TABLE t LOCATION 'oss://e/b/' COMMENT 'a\\0b'");
    expect(error.code).toBe('ODPS-0130161');
    expect(error.detail).toBe('the table comment cannot hold a NUL character (U+0000)');
    expect(error.position).toEqual({ line: 1, column: 53 });
    expect(parseError("CREATE OBJECT TABLE t LOCATION 'oss://e/b/' TBLPROPERTIES ('k'='\u0000')").detail).toContain('cannot hold a NUL');
  });

  it('returns undefined for everything else', () => {
    expect(parse('SELECT 1')).toBeUndefined();
    expect(parse('CREATE TABLE t (a INT)')).toBeUndefined();
  });
});
