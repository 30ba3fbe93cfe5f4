import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OssduckError } from '../../src/OssduckError.js';
import { EmbeddedOss } from '../../src/session/EmbeddedOss.js';
import { Session } from '../../src/session/Session.js';
import { textRows } from '../support/sessionProbe.js';

/**
 * DuckDB's DDL, ATTACH/DETACH and transaction statements mixed with
 * ossduck's dialect, in random sequences: every statement runs or fails
 * with an ossduck error that is not an internal one, and afterwards the
 * catalog agrees with DuckDB (every table SHOW TABLES calls an object table
 * signs a URL and reads as one). Seeded, so a failure replays.
 */

const SEED = 20261205;
/** Sequences per run: `npm test` runs 80; OSSDUCK_FUZZ_RUNS=500 runs the full measurement. */
const RUNS = Number(process.env['OSSDUCK_FUZZ_RUNS'] ?? 80);
const LOCATION = "'oss://oss-cn-hangzhou.aliyuncs.com/fuzz-bkt/dir/'";

const name = fc.constantFrom('t', 'u', 'w', 'plain', 'v');
const schema = fc.constantFrom('default', 's1', 's2', 'main');
const project = fc.constantFrom('fuzz_main', 'fuzz_other', 'xdb', 'default_project');
const statement = fc.oneof(
  name.map((n) => `CREATE OBJECT TABLE ${n} LOCATION ${LOCATION}`),
  fc.tuple(schema, name).map(([s, n]) => `CREATE OBJECT TABLE IF NOT EXISTS ${s}.${n} LOCATION ${LOCATION} COMMENT 'c'`),
  name.map((n) => `DROP TABLE ${n}`),
  name.map((n) => `DROP TABLE IF EXISTS ${n}`),
  name.map((n) => `DROP VIEW ${n}`),
  fc.tuple(name, name).map(([a, b]) => `ALTER TABLE ${a} RENAME TO ${b}`),
  fc.tuple(name, name).map(([a, b]) => `ALTER VIEW ${a} RENAME TO ${b}`),
  name.map((n) => `ALTER TABLE ${n} SET TBLPROPERTIES ('ossduck.max_ttl'='900', 'k'='v')`),
  name.map((n) => `ALTER TABLE ${n} UNSET TBLPROPERTIES IF EXISTS ('ossduck.max_ttl')`),
  name.map((n) => `ALTER TABLE ${n} SET COMMENT 'c2'`),
  name.map((n) => `ALTER TABLE ${n} ADD COLUMN extra INT`),
  name.map((n) => `ALTER TABLE ${n} ALTER key TYPE INT`),
  name.map((n) => `ALTER TABLE ${n} REFRESH METADATA`),
  name.map((n) => `INSERT INTO ${n} (key) VALUES ('x')`),
  name.map((n) => `DELETE FROM ${n}`),
  name.map((n) => `UPDATE ${n} SET size = 1`),
  name.map((n) => `CREATE TABLE ${n} AS SELECT 1 AS key`),
  name.map((n) => `CREATE OR REPLACE VIEW ${n} AS SELECT 'k' AS key`),
  name.map((n) => `COMMENT ON VIEW ${n} IS 'x'`),
  name.map((n) => `DESC ${n}`),
  name.map((n) => `SHOW CREATE TABLE ${n}`),
  name.map((n) => `SELECT GET_SIGNED_URL_FROM_OSS('fuzz_main.default.${n}', 'k')`),
  name.map((n) => `SELECT count(*) FROM ${n}`),
  schema.map((s) => `CREATE SCHEMA ${s}`),
  schema.map((s) => `DROP SCHEMA ${s} CASCADE`),
  schema.map((s) => `USE SCHEMA ${s}`),
  project.map((p) => `USE ${p}`),
  project.map((p) => `DETACH ${p}`),
  project.map((p) => `ATTACH ':memory:' AS ${p}`),
  fc.constantFrom(
    'BEGIN',
    'BEGIN TRANSACTION',
    'COMMIT',
    'ROLLBACK',
    'ABORT',
    'SHOW TABLES',
    'SHOW SCHEMAS',
    'SETPROJECT odps.sql.timezone=UTC',
    'SET odps.sql.timezone=Asia/Tokyo',
    'SET lock_configuration=true',
    'SET odps.namespace.schema=false',
    "SELECT CAST('x' AS INT)",
    'CHECKPOINT',
    'USE memory',
  ),
);

describe('statements of DuckDB and of the dialect, mixed', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ossduck-stmt-fuzz-'));
    mkdirSync(join(root, 'fuzz-bkt', 'dir'), { recursive: true });
    for (const k of ['a.txt', 'b.txt']) writeFileSync(join(root, 'fuzz-bkt', 'dir', k), k);
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it(`end with no internal error and a catalog DuckDB agrees with (${RUNS} sequences)`, async () => {
    const oss = new EmbeddedOss({ root });
    await oss.start();
    const internal: string[] = [];
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(statement, { minLength: 3, maxLength: 18 }), async (sequence) => {
          const session = await Session.open({ credentials: oss, routing: () => oss.routing, project: 'fuzz_main' });
          try {
            for (const sql of sequence) {
              try {
                await session.run(sql);
              } catch (error) {
                expect(error).toBeInstanceOf(OssduckError);
                if ((error as OssduckError).errorKind === 'internal') internal.push(`${sequence.join('; ')} => ${(error as OssduckError).format()}`);
              }
            }
            await session.run('ROLLBACK').catch(() => undefined);
            await session.run('USE fuzz_main; USE SCHEMA default').catch(() => undefined);
            for (const [table, type] of await textRows(session, 'SHOW TABLES')) {
              if (type !== 'OBJECT TABLE') continue;
              const url = (await textRows(session, `SELECT GET_SIGNED_URL_FROM_OSS('fuzz_main.default.${table}', 'k')`))[0]![0];
              expect(url).toContain('/fuzz-bkt/dir/k?');
              await textRows(session, `SELECT key, size, last_modified FROM fuzz_main.default.${table}`);
            }
          } finally {
            await session.close();
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
    } finally {
      await oss.close();
    }
    expect(internal).toEqual([]);
  }, 900_000);
});
