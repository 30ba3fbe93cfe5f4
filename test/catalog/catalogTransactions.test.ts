import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { EmbeddedOss } from '../../src/session/EmbeddedOss.js';
import { Session } from '../../src/session/Session.js';
import { failureOf, lastRows, textRows } from '../support/sessionProbe.js';

const LOCATION = "'oss://oss-cn-hangzhou.aliyuncs.com/txn-bkt/dir/'";
const credentials = new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAItxn', accessKeySecret: 'txn-secret' }));

/** The catalog commits and rolls back with the user's transactions, in memory and in a warehouse directory. */
describe('the catalog inside DuckDB transactions', () => {
  let dir: string;
  let session: Session;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-txn-'));
    session = await Session.open({ warehouse: dir, credentials, project: 'txn_project' });
    await session.run(`CREATE OBJECT TABLE keep LOCATION ${LOCATION}`);
  });
  afterEach(async () => {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const tables = (s: Session = session): Promise<string[][]> => textRows(s, 'SHOW TABLES');
  const signs = async (s: Session, table: string): Promise<boolean> =>
    String((await lastRows(s, `SELECT GET_SIGNED_URL_FROM_OSS('txn_project.default.${table}', 'a.txt')`))[0]![0]).startsWith('https://txn-bkt.');

  it('BEGIN; DROP TABLE; ROLLBACK keeps the object table, which still signs', async () => {
    await session.run('BEGIN; DROP TABLE keep');
    expect(await tables()).toEqual([]);
    await session.run('ROLLBACK');
    expect(await tables()).toEqual([['keep', 'OBJECT TABLE']]);
    expect(await signs(session, 'keep')).toBe(true);
  });

  it('BEGIN; CREATE OBJECT TABLE; ROLLBACK leaves no ghost, now or in the next session', async () => {
    await session.run(`BEGIN; CREATE OBJECT TABLE ghost LOCATION ${LOCATION}`);
    expect(await tables()).toEqual([['ghost', 'OBJECT TABLE'], ['keep', 'OBJECT TABLE']]);
    expect(await signs(session, 'ghost')).toBe(true);
    await session.run('ROLLBACK');
    expect(await tables()).toEqual([['keep', 'OBJECT TABLE']]);
    expect((await failureOf(session, "SELECT GET_SIGNED_URL_FROM_OSS('txn_project.default.ghost', 'a.txt')")).detail).toContain('cannot be resolved');
    await session.close();
    session = await Session.open({ warehouse: dir, credentials, project: 'txn_project' });
    expect(await tables()).toEqual([['keep', 'OBJECT TABLE']]);
    await session.run(`CREATE OBJECT TABLE ghost LOCATION ${LOCATION}`);
    expect(await signs(session, 'ghost')).toBe(true);
  });

  it('BEGIN; CREATE OBJECT TABLE; COMMIT keeps it, with schemas and settings made in the same transaction', async () => {
    await session.run(`BEGIN; CREATE SCHEMA s2 COMMENT 'in a transaction'; CREATE OBJECT TABLE s2.made LOCATION ${LOCATION}; SETPROJECT odps.sql.timezone=UTC; COMMIT`);
    await session.close();
    session = await Session.open({ warehouse: dir, credentials, project: 'txn_project' });
    expect(await textRows(session, 'SHOW TABLES IN txn_project.s2')).toEqual([['made', 'OBJECT TABLE']]);
    expect(await textRows(session, 'SHOW SCHEMAS')).toEqual([['default', 'NULL'], ['s2', 'in a transaction']]);
    expect(await textRows(session, 'SETPROJECT')).toEqual([['odps.sql.timezone', 'UTC']]);
  });

  it('BEGIN; ALTER TABLE ... RENAME TO; ROLLBACK keeps the old name, which still signs; COMMIT keeps the new one in the next session', async () => {
    await session.run('BEGIN; ALTER TABLE keep RENAME TO moved');
    expect(await tables()).toEqual([['moved', 'OBJECT TABLE']]);
    expect(await signs(session, 'moved')).toBe(true);
    await session.run('ROLLBACK');
    expect(await tables()).toEqual([['keep', 'OBJECT TABLE']]);
    expect(await signs(session, 'keep')).toBe(true);
    expect((await failureOf(session, "SELECT GET_SIGNED_URL_FROM_OSS('txn_project.default.moved', 'a.txt')")).detail).toContain('cannot be resolved');
    await session.run('BEGIN; ALTER TABLE keep RENAME TO moved; COMMIT');
    await session.close();
    session = await Session.open({ warehouse: dir, credentials, project: 'txn_project' });
    expect(await tables()).toEqual([['moved', 'OBJECT TABLE']]);
    expect(await signs(session, 'moved')).toBe(true);
  });

  it('BEGIN; ALTER TABLE ... SET/UNSET TBLPROPERTIES, SET COMMENT; ROLLBACK restores properties, limits and comment', async () => {
    const facts = async (): Promise<string[][]> =>
      (await textRows(session, 'DESC keep')).filter((r) => r[0] === 'table property' || r[1] === 'Comment').map((r) => [r[1]!, r[2]!]);
    await session.run("ALTER TABLE keep SET TBLPROPERTIES ('ossduck.max_ttl'='900', 'owner'='a'); ALTER TABLE keep SET COMMENT 'before'");
    const before = await facts();
    expect(before).toEqual([['Comment', 'before'], ['ossduck.max_ttl', '900'], ['owner', 'a']]);
    await session.run("BEGIN; ALTER TABLE keep SET TBLPROPERTIES ('ossduck.max_ttl'='10'); ALTER TABLE keep UNSET TBLPROPERTIES ('owner'); ALTER TABLE keep SET COMMENT 'during'");
    expect(await facts()).toEqual([['Comment', 'during'], ['ossduck.max_ttl', '10']]);
    expect((await failureOf(session, "SELECT GET_SIGNED_URL_FROM_OSS('txn_project.default.keep', 'a.txt', 60)")).detail).toContain('at most 10 seconds');
    await session.run('ROLLBACK');
    expect(await facts()).toEqual(before);
    expect(String((await lastRows(session, "SELECT GET_SIGNED_URL_FROM_OSS('txn_project.default.keep', 'a.txt', 900)"))[0]![0])).toContain('/dir/a.txt?');
  });

  it('rolls back a schema dropped with its object tables', async () => {
    await session.run(`CREATE SCHEMA s3; CREATE OBJECT TABLE s3.inner_t LOCATION ${LOCATION}`);
    await session.run('BEGIN; DROP SCHEMA s3 CASCADE; ROLLBACK');
    expect(await textRows(session, 'SHOW TABLES IN txn_project.s3')).toEqual([['inner_t', 'OBJECT TABLE']]);
    expect(String((await lastRows(session, "SELECT GET_SIGNED_URL_FROM_OSS('txn_project.s3.inner_t', 'k')"))[0]![0])).toContain('/dir/k?');
  });

  it('says to roll back when a statement of the transaction failed, and works after', async () => {
    await session.run('BEGIN');
    await failureOf(session, "SELECT CAST('x' AS INT)");
    expect((await failureOf(session, 'SELECT 1')).detail).toBe('an earlier statement of this transaction failed; ROLLBACK before going on');
    const aborted = await failureOf(session, `CREATE OBJECT TABLE after_error LOCATION ${LOCATION}`);
    expect(aborted.format()).toMatch(/^FAILED: ODPS-0130071:\[1,21\] Semantic analysis exception - an earlier statement of this transaction failed; ROLLBACK before going on$/);
    await session.run('ROLLBACK');
    await session.run(`CREATE OBJECT TABLE after_error LOCATION ${LOCATION}`);
    expect(await tables()).toEqual([['after_error', 'OBJECT TABLE'], ['keep', 'OBJECT TABLE']]);
  });

  it('refuses to let SQL name the catalog schema', async () => {
    for (const sql of ['SELECT * FROM txn_project.__ossduck.object_tables', 'DROP TABLE txn_project.__ossduck.objects_1', 'SELECT * FROM "__OSSDUCK".x', "SELECT * FROM query_table('txn_project.__ossduck.objects_1')"]) {
      expect((await failureOf(session, sql)).detail).toBe("the schema __ossduck of every project holds ossduck's catalog; SQL does not name it");
    }
    expect(await signs(session, 'keep')).toBe(true);
  });
});

describe('REFRESH METADATA in a transaction', () => {
  let root: string;
  let session: Session;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'ossduck-txn-oss-'));
    mkdirSync(join(root, 'txn-bkt', 'dir'), { recursive: true });
    for (const name of ['a.txt', 'b.txt']) writeFileSync(join(root, 'txn-bkt', 'dir', name), name);
    const oss = new EmbeddedOss({ root });
    session = await Session.open({ credentials: oss, routing: () => oss.routing, closeWith: oss });
    await session.run(`CREATE OBJECT TABLE t LOCATION ${LOCATION}; ALTER TABLE t REFRESH METADATA`);
    writeFileSync(join(root, 'txn-bkt', 'dir', 'c.txt'), 'c');
  });
  afterEach(async () => {
    await session.close();
    rmSync(root, { recursive: true, force: true });
  });

  const keys = (): Promise<string[][]> => textRows(session, 'SELECT key FROM t ORDER BY key');

  it('swaps the rows inside the transaction; ROLLBACK restores the previous ones', async () => {
    await session.run('BEGIN; ALTER TABLE t REFRESH METADATA');
    expect(await keys()).toEqual([['a.txt'], ['b.txt'], ['c.txt']]);
    await session.run('ROLLBACK');
    expect(await keys()).toEqual([['a.txt'], ['b.txt']]);
    await session.run('BEGIN; ALTER TABLE t REFRESH METADATA; COMMIT');
    expect(await keys()).toEqual([['a.txt'], ['b.txt'], ['c.txt']]);
  });
});
