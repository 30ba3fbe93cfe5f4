import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { Session } from '../../src/session/Session.js';
import { BIN, runCli } from '../support/runCli.js';
import { textRows } from '../support/sessionProbe.js';

const ENV = { OSS_ACCESS_KEY_ID: 'LTAI5tRaces', OSS_ACCESS_KEY_SECRET: 'races-secret' };
const LOCATION = "'oss://oss-cn-hangzhou.aliyuncs.com/race-bkt/dir/'";
/** Kills in the kill test; OSSDUCK_KILLS runs more or fewer. */
const KILLS = Number(process.env['OSSDUCK_KILLS'] ?? 200);
/** Objects in the bucket REFRESH METADATA lists: a table holds 0 of them (never refreshed) or all. */
const OBJECTS = 120;

/** What every project database of `dir` holds in ossduck's catalog, read directly. */
async function catalogCounts(dir: string): Promise<{ project: string; definitions: number; views: number; storage: number }[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const counts = [];
    for (const file of readdirSync(join(dir, 'projects')).filter((f) => f.endsWith('.duckdb') && !f.startsWith('.'))) {
      const project = file.slice(0, -'.duckdb'.length);
      await connection.run(`ATTACH '${join(dir, 'projects', file)}' AS "${project}" (READ_ONLY)`);
      const [[definitions, storage, views]] = (await connection.runAndReadAll(
        `SELECT (SELECT count(*) FROM "${project}".__ossduck.object_tables)::INT,
                (SELECT count(*) FROM duckdb_tables() WHERE database_name = '${project}' AND schema_name = '__ossduck' AND table_name LIKE 'objects_%')::INT,
                (SELECT count(*) FROM duckdb_views() WHERE database_name = '${project}' AND sql LIKE '%__ossduck.objects_%')::INT`,
      )).getRows() as [[number, number, number]];
      counts.push({ project, definitions, views, storage });
      await connection.run(`DETACH "${project}"`);
    }
    return counts;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('a warehouse under concurrent processes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-races-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every project when eight processes open an empty warehouse at once, each with its own (20 trials)', async () => {
    for (let trial = 0; trial < 20; trial++) {
      const db = join(dir, `trial${trial}`);
      const runs = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          runCli(['--db', db, '--project', `proj_${i}`, '-c', `CREATE OBJECT TABLE t${i} LOCATION ${LOCATION}; SELECT 1`], { env: ENV }),
        ),
      );
      expect(runs.map((r) => [r.code, r.stderr])).toEqual(runs.map(() => [0, '']));
      const counts = await catalogCounts(db);
      expect(counts.map((c) => c.project)).toEqual(Array.from({ length: 8 }, (_, i) => `proj_${i}`));
      for (const c of counts) expect(c).toEqual({ project: c.project, definitions: 1, views: 1, storage: 1 });
    }
  }, 600_000);
});

/** Statements that change the catalog, over and over, with REFRESH METADATA and new projects among them. */
function churn(round: number): string {
  const lines = ["SELECT 'ready' AS state;"];
  for (let i = 0; i < 40; i++) {
    const n = (round + i) % 6;
    lines.push(
      `CREATE OBJECT TABLE IF NOT EXISTS t${n} LOCATION ${LOCATION};`,
      `ALTER TABLE t${n} REFRESH METADATA;`,
      `DROP TABLE IF EXISTS t${(n + 3) % 6};`,
      `CREATE SCHEMA IF NOT EXISTS s${n};`,
      `CREATE OBJECT TABLE IF NOT EXISTS s${n}.u LOCATION ${LOCATION};`,
      `DROP SCHEMA IF EXISTS s${(n + 2) % 6} CASCADE;`,
      `SETPROJECT odps.sql.timezone=${i % 2 === 0 ? 'UTC' : 'Asia/Tokyo'};`,
      `USE kill_p${(round * 40 + i) % 9};`,
      `USE kill_main;`,
    );
  }
  return lines.join('\n');
}

/** Runs `script` in a real ossduck process and kills it (SIGKILL) `delayMs` after it says it is ready. */
function runAndKill(db: string, script: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--db', db, '--project', 'kill_main', '--format', 'csv'], {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...ENV, OSSDUCK_OSS_ENDPOINT: '', OSS_ACCESS_KEY_ID: '', OSS_ACCESS_KEY_SECRET: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let armed = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (!armed && d.includes('ready')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', () => resolve());
    child.stdin.end(script);
  });
}

describe('a warehouse after kill -9', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-kills-'));
    // The embedded local OSS serves the warehouse's oss/ folder: REFRESH METADATA lists these.
    mkdirSync(join(dir, 'oss', 'race-bkt', 'dir'), { recursive: true });
    for (let i = 0; i < OBJECTS; i++) writeFileSync(join(dir, 'oss', 'race-bkt', 'dir', `o${i}.bin`), String(i));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it(`opens to a whole state after each of ${KILLS} kills at random instants of CREATE, DROP, REFRESH, SETPROJECT and USE`, async () => {
    const credentials = new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAIverify', accessKeySecret: 'verify-secret' }));
    let seen = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      await runAndKill(dir, churn(kill), Math.floor(Math.random() * 300));
      const session = await Session.open({ warehouse: dir, credentials, project: 'kill_main' });
      try {
        expect(readdirSync(join(dir, 'projects')).filter((f) => f.includes('.creating.'))).toEqual([]);
        for (const [name, type] of await textRows(session, 'SHOW TABLES')) {
          expect(type).toBe('OBJECT TABLE');
          const count = (await textRows(session, `SELECT count(*) FROM ${name}`))[0]![0];
          expect(['0', String(OBJECTS)]).toContain(count);
          const url = (await textRows(session, `SELECT GET_SIGNED_URL_FROM_OSS('kill_main.default.${name}', 'k')`))[0]![0];
          expect(url).toContain('/dir/k?');
          seen++;
        }
      } finally {
        await session.close();
      }
      for (const c of await catalogCounts(dir)) expect(c).toEqual({ project: c.project, definitions: c.views, views: c.views, storage: c.views });
    }
    expect(seen).toBeGreaterThan(0);
  }, 1_800_000);
});
