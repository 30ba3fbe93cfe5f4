import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { OssduckError } from '../../src/OssduckError.js';
import { Session } from '../../src/session/Session.js';
import { failureOf, lastRows } from '../support/sessionProbe.js';

let runtime: Session;

const rows = (sql: string): Promise<unknown[][]> => lastRows(runtime, sql);

const failure = (sql: string): Promise<OssduckError> => failureOf(runtime, sql);

describe('catalog statements', () => {
  beforeEach(async () => {
    runtime = await Session.open({
      credentials: new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAIcat', accessKeySecret: 'cat-secret' })),
      clock: () => Date.UTC(2026, 10, 23, 12),
    });
    await runtime.run(`USE cat_project; CREATE SCHEMA s1 COMMENT 'first';
      CREATE OBJECT TABLE s1.docs COMMENT 'my docs' LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/bkt/docs'
        WITH SERDEPROPERTIES ('odps.properties.rolearn'='acs:ram::1234567890:role/reader')
        TBLPROPERTIES ('owner'='it''s me');
      CREATE TABLE s1.plain AS SELECT 1 AS a; CREATE VIEW s1.v AS SELECT 2 AS b;`);
  });
  afterEach(async () => {
    await runtime.close();
  });

  it('SHOW TABLES lists object tables, tables and views, with LIKE patterns', async () => {
    expect(await rows('SHOW TABLES IN cat_project.s1')).toEqual([['docs', 'OBJECT TABLE'], ['plain', 'TABLE'], ['v', 'VIEW']]);
    expect(await rows("SHOW TABLES IN cat_project.s1 LIKE 'p*'")).toEqual([['plain', 'TABLE']]);
    expect(await rows('USE SCHEMA s1; SHOW TABLES')).toHaveLength(3);
  });

  it('SHOW SCHEMAS lists schemas with comments', async () => {
    expect(await rows('SHOW SCHEMAS')).toEqual([['default', null], ['s1', 'first']]);
  });

  it('DESC shows an object table: location, role, times, properties and columns', async () => {
    const desc = await rows('DESC cat_project.s1.docs');
    expect(desc).toContainEqual(['table', 'Type', 'OBJECT TABLE', null]);
    expect(desc).toContainEqual(['table', 'Location', 'oss://oss-cn-hangzhou-internal.aliyuncs.com/bkt/docs/', null]);
    expect(desc).toContainEqual(['table', 'RoleArn', 'acs:ram::1234567890:role/reader', null]);
    expect(desc).toContainEqual(['table', 'CreateTime', '2026-11-23 20:00:00', null]);
    expect(desc).toContainEqual(['table', 'LastRefreshTime', null, null]);
    expect(desc).toContainEqual(['table property', 'owner', "it's me", null]);
    expect(desc.filter((r) => r[0] === 'column').map((r) => r[1])).toEqual([
      'key', 'size', 'type', 'last_modified', 'storage_class', 'etag', 'restore_info', 'owner_id', 'owner_display_name',
    ]);
    // Each column's MaxCompute type is the type its values have in SQL.
    const MAXCOMPUTE_OF: Readonly<Record<string, string>> = { VARCHAR: 'string', BIGINT: 'bigint', 'TIMESTAMP WITH TIME ZONE': 'timestamp' };
    for (const [, name, type] of desc.filter((r) => r[0] === 'column')) {
      const [[duck]] = (await rows(`SELECT typeof(any_value(${String(name)})) FROM cat_project.s1.docs`)) as [[string]];
      expect([name, MAXCOMPUTE_OF[duck]]).toEqual([name, type]);
    }
    expect(desc).toContainEqual(['column', 'last_modified', 'timestamp', 'last modification time']);
    expect(await rows("SELECT typeof(CAST(NULL AS TIMESTAMP)), typeof(TIMESTAMP '2026-01-01 00:00:00')")).toEqual([['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP WITH TIME ZONE']]);
    const extended = await rows('DESC EXTENDED cat_project.s1.docs');
    expect(extended).toContainEqual(['table', 'Region', 'cn-hangzhou', null]);
    expect(extended).toContainEqual(['table', 'Objects', '0', null]);
  });

  it('DESC shows a DuckDB table with its columns', async () => {
    expect(await rows('DESCRIBE cat_project.s1.plain')).toContainEqual(['column', 'a', 'integer', null]);
  });

  it('SHOW CREATE TABLE gives a statement that makes the table again', async () => {
    const [[statement]] = (await rows('SHOW CREATE TABLE cat_project.s1.docs')) as [[string]];
    expect(statement).toBe(
      "CREATE OBJECT TABLE IF NOT EXISTS cat_project.s1.docs\nCOMMENT 'my docs'\nLOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/bkt/docs/'\n" +
        "WITH SERDEPROPERTIES ('odps.properties.rolearn'='acs:ram::1234567890:role/reader')\nTBLPROPERTIES ('owner'='it\\'s me');",
    );
    await runtime.run('DROP TABLE cat_project.s1.docs');
    await runtime.run(statement);
    expect((await runtime.catalog.objectTable('cat_project', 's1', 'docs'))?.tblProperties).toEqual({ owner: "it's me" });
  });

  it('DROP TABLE drops an object table (definition and metadata), a table, or a view', async () => {
    await runtime.run('DROP TABLE cat_project.s1.docs; DROP TABLE cat_project.s1.plain; DROP TABLE cat_project.s1.v');
    expect(await rows('SHOW TABLES IN cat_project.s1')).toEqual([]);
    expect(await runtime.catalog.objectTable('cat_project', 's1', 'docs')).toBeUndefined();
    expect((await failure('DROP TABLE cat_project.s1.docs')).format()).toBe(
      'FAILED: ODPS-0130131:[1,12] Table not found - table cat_project.s1.docs cannot be resolved',
    );
    await runtime.run('DROP TABLE IF EXISTS cat_project.s1.docs');
  });

  it('DROP SCHEMA needs CASCADE for a schema with tables, and never drops default', async () => {
    expect((await failure('DROP SCHEMA s1')).detail).toBe('schema cat_project.s1 has 3 table(s); drop them first or use DROP SCHEMA ... CASCADE');
    expect((await failure('DROP SCHEMA default')).detail).toBe('schema default of project cat_project cannot be dropped');
    await runtime.run('USE SCHEMA s1; DROP SCHEMA s1 CASCADE');
    expect(runtime.currentSchema).toBe('default');
    expect(await runtime.catalog.objectTables('cat_project')).toEqual([]);
    expect(await rows('SHOW SCHEMAS')).toEqual([['default', null]]);
  });

  it('reads two-part names as project.table after SET odps.namespace.schema=false', async () => {
    await runtime.run(`SET odps.namespace.schema=false; USE two_layer;
      CREATE OBJECT TABLE two_layer.t2 LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/bkt/two/';
      SET ossduck.signing_time=2026-11-23T12:00:00Z`);
    expect(await runtime.catalog.objectTable('two_layer', 'default', 't2')).toBeDefined();
    const [[url]] = (await rows("SELECT GET_SIGNED_URL_FROM_OSS('two_layer.t2', 'k') AS url")) as [[string]];
    expect(url.startsWith('https://bkt.oss-cn-hangzhou.aliyuncs.com/two/k?')).toBe(true);
    expect(await rows('SELECT count(*) FROM two_layer.t2')).toEqual([[0n]]);
  });

  it('keeps backtick names, comments and keywords in any case', async () => {
    await runtime.run("create object table `cat_project`.`s1`.`Mixed` /* a comment; with ; */ location 'oss://oss-cn-hangzhou.aliyuncs.com/bkt/m/' -- trailing\n");
    expect(await runtime.catalog.objectTable('cat_project', 's1', 'mixed')).toBeDefined();
    expect(await rows('select `key` from cat_project.s1.Mixed')).toEqual([]);
  });
});
