import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { Session } from '../../src/session/Session.js';

const SECRET = 'audit-statements-secret';
const credentials = new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAI5tAuditStatements', accessKeySecret: SECRET }));
const TABLE = 'default_project.default.t';

/** The log's lines, parsed; the file must end at a line's end. */
function lines(path: string): { statement: number; key: string; url: string }[] {
  const text = readFileSync(path, 'utf8');
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { statement: number; key: string; url: string });
}

describe('the audit log of a session', () => {
  let dir: string;
  let path: string;
  let session: Session;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-audit-statements-'));
    path = join(dir, 'audit.log');
    session = await Session.open({ credentials, settings: { 'ossduck.audit_log': path } });
    await session.run(`CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/exports/'`);
  });
  afterAll(async () => {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("appends every URL of a statement that succeeds once it has ended, in several writes, none holding a signature or the secret", async () => {
    const before = statSync(path).size;
    const [result] = await session.run(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'part-' || i::VARCHAR || '.csv') AS url FROM range(30000) t(i)`);
    expect(result!.rows.length).toBe(30_000);
    const text = readFileSync(path, 'utf8');
    // Many 1 MB appends.
    expect(text.length - before).toBeGreaterThan(8 * 1024 * 1024);
    const written = lines(path).slice(-30_000);
    expect(written.map((l) => l.key)).toEqual(Array.from({ length: 30_000 }, (_, i) => `exports/part-${i}.csv`));
    const signed = String(result!.rows[29_999]![0]);
    expect(signed.replace(/&x-oss-signature=[0-9a-f]{64}/, '')).toBe(written[29_999]!.url);
    expect(text).not.toMatch(/x-oss-signature=|Signature=/);
    expect(text).not.toContain(SECRET);
  });

  it('writes nothing of a statement that fails after it has signed thousands of URLs, and records the next one', async () => {
    const before = readFileSync(path, 'utf8');
    const failing = `SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', CASE WHEN i < 9000 THEN 'ok-' || i::VARCHAR ELSE repeat('x', 2000) END) FROM range(10000) t(i)`;
    await expect(session.run(failing)).rejects.toThrow(/OSS refuses/);
    expect(readFileSync(path, 'utf8')).toBe(before);
    await session.run(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'after-failure.csv')`);
    const written = lines(path);
    expect(written.length).toBe(before.split('\n').length);
    expect(written.at(-1)!.key).toBe('exports/after-failure.csv');
    expect(written.filter((l) => l.key.startsWith('exports/ok-'))).toEqual([]);
  });

  it('cuts the log back to the byte when a statement that wrote its lines as it ran fails at its last rows', async () => {
    const before = readFileSync(path, 'utf8');
    let biggest = 0;
    const watch = setInterval(() => (biggest = Math.max(biggest, statSync(path).size)), 5);
    const failing = `SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', CASE WHEN i < 299000 THEN 'streamed-' || i::VARCHAR ELSE repeat('x', 2000) END) FROM range(300000) t(i)`;
    try {
      await expect(session.run(failing)).rejects.toThrow(/OSS refuses/);
    } finally {
      clearInterval(watch);
    }
    // Lines were in the log while it ran (the first megabyte staged comes to ~35,000 URLs), and none stayed.
    expect(biggest).toBeGreaterThan(before.length + 8 * 1024 * 1024);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});

describe('a statement that stores the URLs it issues, when the audit log cannot take them', () => {
  it('fails and stores nothing: INSERT, CREATE TABLE AS and INSERT OVERWRITE are rolled back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ossduck-audit-dml-'));
    const path = join(dir, 'audit.log');
    const session = await Session.open({ credentials, settings: { 'ossduck.audit_log': path } });
    try {
      await session.run(`CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/exports/'; CREATE TABLE kept (u VARCHAR); INSERT INTO kept VALUES ('old')`);
      // A lock file that is not ossduck's: every commit to the log fails.
      writeFileSync(`${path}.lock`, 'not a lock');
      const signing = `SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k' || i::VARCHAR) FROM range(2000) t(i)`;
      for (const sql of [`INSERT INTO kept ${signing}`, `CREATE TABLE made AS ${signing}`, `INSERT OVERWRITE TABLE kept ${signing}`]) {
        await expect(session.run(sql), sql).rejects.toThrow(/has a lock file .* that is not ossduck's/);
      }
      rmSync(`${path}.lock`);
      expect((await session.run('SELECT u FROM kept'))[0]!.rows).toEqual([['old']]);
      expect((await session.run(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'made'`))[0]!.rows).toEqual([[0n]]);
      expect(readFileSync(path, 'utf8')).toBe('');
    } finally {
      await session.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
