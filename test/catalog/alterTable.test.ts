import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { Session } from '../../src/session/Session.js';
import { failureOf, textRows } from '../support/sessionProbe.js';

const LOCATION = "'oss://oss-cn-hangzhou.aliyuncs.com/alter-bkt/dir/'";
const credentials = new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAIalter', accessKeySecret: 'alter-secret' }));

/** Refusals of ALTER TABLE: the statement, MaxCompute's code, and what the one-line error says. */
const REFUSALS: readonly [sql: string, code: string, detail: string][] = [
  ['ALTER TABLE docs RENAME TO other', 'ODPS-0130211', 'table alter_project.default.other already exists'],
  ['ALTER TABLE docs RENAME TO plain', 'ODPS-0130211', 'table alter_project.default.plain already exists'],
  ['ALTER TABLE docs RENAME TO docs', 'ODPS-0130211', 'table alter_project.default.docs already exists'],
  ['ALTER TABLE plain RENAME TO docs', 'ODPS-0130211', 'table alter_project.default.docs already exists'],
  ['ALTER TABLE missing RENAME TO m2', 'ODPS-0130131', 'table alter_project.default.missing cannot be resolved'],
  ['ALTER TABLE nope.missing RENAME TO m2', 'ODPS-0130131', 'table alter_project.nope.missing cannot be resolved'],
  ['ALTER TABLE docs RENAME TO s2.docs', 'ODPS-0130071', 'RENAME TO keeps a table in its schema: alter_project.default.docs cannot become alter_project.s2.docs'],
  ['ALTER TABLE docs RENAME TO `my-docs`', 'ODPS-0130071', "table name 'my-docs' is not valid: use 1 to 128 letters, digits or underscores"],
  ["ALTER TABLE missing SET TBLPROPERTIES ('a'='b')", 'ODPS-0130131', 'table alter_project.default.missing cannot be resolved'],
  ["ALTER TABLE missing UNSET TBLPROPERTIES IF EXISTS ('a')", 'ODPS-0130131', 'table alter_project.default.missing cannot be resolved'],
  ["ALTER TABLE missing SET COMMENT 'x'", 'ODPS-0130131', 'table alter_project.default.missing cannot be resolved'],
  ["ALTER TABLE plain SET TBLPROPERTIES ('a'='b')", 'ODPS-0130071', 'alter_project.default.plain is a DuckDB table, not an object table: ossduck keeps TBLPROPERTIES for object tables only'],
  ["ALTER TABLE v UNSET TBLPROPERTIES ('a')", 'ODPS-0130071', 'alter_project.default.v is a DuckDB view, not an object table'],
  [
    "ALTER TABLE docs SET TBLPROPERTIES ('ossduck.max-ttl'='60')",
    'ODPS-0130071',
    "unknown TBLPROPERTIES key 'ossduck.max-ttl': ossduck's table properties are ossduck.url.scheme, ossduck.url.endpoint, ossduck.max_ttl, ossduck.allowed_methods, ossduck.region",
  ],
  ["ALTER TABLE docs SET TBLPROPERTIES ('ossduck.max_ttl'='0')", 'ODPS-0130071', "TBLPROPERTIES 'ossduck.max_ttl'='0' is not allowed; allowed: a whole number of seconds from 1 to 604800"],
  ["ALTER TABLE docs SET TBLPROPERTIES ('ossduck.allowed_methods'='GET,POST')", 'ODPS-0130071', 'allowed: a comma-separated list of GET, PUT, HEAD'],
  ["ALTER TABLE docs SET TBLPROPERTIES ('ossduck.url.scheme'='ftp')", 'ODPS-0130071', "TBLPROPERTIES 'ossduck.url.scheme'='ftp' is not allowed"],
  ["ALTER TABLE docs SET TBLPROPERTIES ('ossduck.region'='cn-beijing')", 'ODPS-0130071', "TBLPROPERTIES 'ossduck.region' of alter_project.default.docs is fixed when the object table is created"],
  ["ALTER TABLE docs UNSET TBLPROPERTIES ('nothere')", 'ODPS-0130071', "alter_project.default.docs has no TBLPROPERTIES key 'nothere'; its keys are 'owner', 'ossduck.max_ttl'"],
];

describe('ALTER TABLE on object tables', () => {
  let dir: string;
  let session: Session;
  const open = (): Promise<Session> => Session.open({ warehouse: dir, credentials, project: 'alter_project' });
  const sign = async (table: string, ttl = 60): Promise<string> =>
    (await textRows(session, `SELECT GET_SIGNED_URL_FROM_OSS('alter_project.default.${table}', 'a.txt', ${ttl})`))[0]![0]!;
  const properties = async (table = 'docs'): Promise<string[][]> =>
    (await textRows(session, `DESC ${table}`)).filter((r) => r[0] === 'table property').map((r) => [r[1]!, r[2]!]);
  const comment = async (table = 'docs'): Promise<string> => (await textRows(session, `DESC ${table}`)).find((r) => r[1] === 'Comment')![2]!;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-alter-'));
    session = await open();
    await session.run(`CREATE OBJECT TABLE docs LOCATION ${LOCATION} TBLPROPERTIES ('owner'='me', 'ossduck.max_ttl'='600') COMMENT 'first';
      CREATE OBJECT TABLE other LOCATION ${LOCATION}; CREATE TABLE plain (a INT); CREATE VIEW v AS SELECT 1 AS b; CREATE SCHEMA s2`);
  });
  afterEach(async () => {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('RENAME TO renames it everywhere at once: SHOW TABLES, DESC, signing, the next session', async () => {
    await session.run('ALTER TABLE docs RENAME TO papers');
    expect(await textRows(session, 'SHOW TABLES')).toEqual([['other', 'OBJECT TABLE'], ['papers', 'OBJECT TABLE'], ['plain', 'TABLE'], ['v', 'VIEW']]);
    expect(await sign('papers')).toMatch(/^https:\/\/alter-bkt\.oss-cn-hangzhou\.aliyuncs\.com\/dir\/a\.txt\?/);
    expect((await failureOf(session, "SELECT GET_SIGNED_URL_FROM_OSS('alter_project.default.docs', 'a.txt')")).detail).toContain('cannot be resolved');
    expect((await failureOf(session, 'SELECT * FROM docs')).code).toBe('ODPS-0130131');
    expect(await properties('papers')).toEqual([['owner', 'me'], ['ossduck.max_ttl', '600']]);
    expect((await failureOf(session, "SELECT GET_SIGNED_URL_FROM_OSS('alter_project.default.papers', 'a.txt', 601)")).detail).toContain('at most 600 seconds');
    await session.close();
    session = await open();
    expect(await textRows(session, "SHOW TABLES LIKE 'p*'")).toEqual([['papers', 'OBJECT TABLE'], ['plain', 'TABLE']]);
    expect((await textRows(session, 'SHOW CREATE TABLE papers'))[0]![0]).toContain('CREATE OBJECT TABLE IF NOT EXISTS alter_project.default.papers\n');
    expect(await sign('papers')).toContain('/dir/a.txt?');
  });

  it('RENAME TO accepts the qualified new name in the same schema, and renames DuckDB tables and views too', async () => {
    await session.run('ALTER TABLE alter_project.default.docs RENAME TO default.docs2; ALTER TABLE plain RENAME TO plain2; ALTER TABLE v RENAME TO v2');
    expect(await textRows(session, 'SHOW TABLES')).toEqual([['docs2', 'OBJECT TABLE'], ['other', 'OBJECT TABLE'], ['plain2', 'TABLE'], ['v2', 'VIEW']]);
    expect(await textRows(session, 'SELECT b FROM v2')).toEqual([['1']]);
  });

  it("leaves tables ossduck's names do not reach to DuckDB: TEMP tables and those of an ATTACHed database", async () => {
    await session.run("CREATE TEMP TABLE scratch (a INT); ALTER TABLE scratch RENAME TO scratch2; ALTER TABLE scratch2 SET COMMENT 'temp one'");
    expect(await textRows(session, "SELECT table_name, comment FROM duckdb_tables() WHERE temporary")).toEqual([['scratch2', 'temp one']]);
    await session.run("ATTACH ':memory:' AS side_db; CREATE TABLE side_db.main.s (a INT); ALTER TABLE side_db.main.s RENAME TO s2");
    expect(await textRows(session, "SELECT table_name FROM duckdb_tables() WHERE database_name = 'side_db'")).toEqual([['s2']]);
    expect((await failureOf(session, 'ALTER TABLE side_db.main.nothing RENAME TO n2')).format()).toMatch(/^FAILED: ODPS-0130131:\[1,13\] Table not found - table side_db\.main\.nothing cannot be resolved$/);
  });

  it('SET TBLPROPERTIES adds and replaces keys; the URL limits follow at once; DESC and SHOW CREATE TABLE show them', async () => {
    await session.run("ALTER TABLE docs SET TBLPROPERTIES ('ossduck.max_ttl'='30', 'ossduck.allowed_methods'='get, head', 'team'='data')");
    expect(await properties()).toEqual([['owner', 'me'], ['ossduck.max_ttl', '30'], ['ossduck.allowed_methods', 'get, head'], ['team', 'data']]);
    expect((await failureOf(session, "SELECT GET_SIGNED_URL_FROM_OSS('alter_project.default.docs', 'a.txt', 60)")).detail).toContain('at most 30 seconds');
    expect((await failureOf(session, "SELECT GET_SIGNED_URL_FROM_OSS('alter_project.default.docs', 'a.txt', 10, 'PUT')")).detail).toContain('PUT');
    expect(await sign('docs', 30)).toContain('/dir/a.txt?');
    expect((await textRows(session, 'SHOW CREATE TABLE docs'))[0]![0]).toContain(
      "TBLPROPERTIES ('owner'='me', 'ossduck.max_ttl'='30', 'ossduck.allowed_methods'='get, head', 'team'='data');",
    );
    await session.run("ALTER TABLE docs SET TBLPROPERTIES ('ossduck.region'='cn-hangzhou')");
    expect(await properties()).toContainEqual(['ossduck.region', 'cn-hangzhou']);
  });

  it('UNSET TBLPROPERTIES removes keys (IF EXISTS skips missing ones); the limit is gone with its key', async () => {
    await session.run("ALTER TABLE docs UNSET TBLPROPERTIES ('ossduck.max_ttl')");
    expect(await properties()).toEqual([['owner', 'me']]);
    expect(await sign('docs', 3600)).toContain('/dir/a.txt?');
    await session.run("ALTER TABLE docs UNSET TBLPROPERTIES IF EXISTS ('owner', 'never_set')");
    expect(await properties()).toEqual([]);
    expect((await textRows(session, 'SHOW CREATE TABLE docs'))[0]![0]).not.toContain('TBLPROPERTIES');
  });

  it('SET COMMENT replaces the comment; an empty one removes it; a DuckDB table takes one too', async () => {
    await session.run("ALTER TABLE docs SET COMMENT 'it\\'s the docs'");
    expect(await comment()).toBe("it's the docs");
    expect((await textRows(session, 'SHOW CREATE TABLE docs'))[0]![0]).toContain("COMMENT 'it\\'s the docs'");
    await session.run("ALTER TABLE docs SET COMMENT ''");
    expect(await comment()).toBe('NULL');
    await session.run("ALTER TABLE plain SET COMMENT 'plain one'; ALTER TABLE v SET COMMENT 'a view'");
    expect(await comment('plain')).toBe('plain one');
    expect(await comment('v')).toBe('a view');
  });

  it.each(REFUSALS)('refuses %s (%s) and changes nothing', async (sql, code, detail) => {
    const error = await failureOf(session, sql);
    expect(error.code).toBe(code);
    expect(error.detail).toContain(detail);
    expect(error.format()).not.toContain('\n');
    expect(error.format()).not.toMatch(/Binder Error|Catalog Error|at .*\.ts/);
    expect(await textRows(session, 'SHOW TABLES')).toEqual([['docs', 'OBJECT TABLE'], ['other', 'OBJECT TABLE'], ['plain', 'TABLE'], ['v', 'VIEW']]);
    expect(await properties()).toEqual([['owner', 'me'], ['ossduck.max_ttl', '600']]);
    expect(await comment()).toBe('first');
  });

  it('still refuses changes to an object table\'s rows and columns', async () => {
    for (const sql of ['ALTER TABLE docs ADD COLUMN c INT', 'ALTER TABLE docs RENAME COLUMN etag TO e', 'ALTER TABLE docs DROP COLUMN etag']) {
      expect((await failureOf(session, sql)).detail).toContain('only ALTER TABLE alter_project.default.docs REFRESH METADATA changes them');
    }
  });
});
