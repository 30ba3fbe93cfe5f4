import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.js';

const ENV = { OSS_ACCESS_KEY_ID: 'LTAI5tScripts', OSS_ACCESS_KEY_SECRET: 'scripts-secret' };

describe('scripts (-c, -f, standard input)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-scripts-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('print every value whole when the output is no terminal, in every format', async () => {
    const sql = "CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/'; SELECT GET_SIGNED_URL_FROM_OSS('default_project.default.t', 'a.txt') AS url, repeat('x', 300) AS long_value";
    for (const format of ['box', 'csv', 'jsonl', 'markdown', 'line']) {
      const run = await runCli(['--format', format, '-c', sql], { env: ENV });
      expect(run.stderr, format).toBe('');
      expect(run.stdout, format).toContain('x'.repeat(300));
      const url = /https:\/\/examplebucket[^\s"|,│]+/.exec(run.stdout)![0];
      expect(url, format).toMatch(/&x-oss-signature=[0-9a-f]{64}&x-oss-signature-version=OSS4-HMAC-SHA256$/);
      expect(run.stdout, format).not.toContain('…');
    }
  });

  it('take the shell\'s dot commands on lines of their own, in a file and on standard input', async () => {
    writeFileSync(join(dir, 'inner.sql'), "SELECT 'inner' AS who;\n");
    const script = ['.mode csv', 'SELECT 1 AS a;', '.mode jsonl', "SELECT 'two' AS b;", `.read ${join(dir, 'inner.sql')}`, '.mode line', 'SELECT 3 AS c;', ''].join('\n');
    writeFileSync(join(dir, 'job.sql'), script);
    const expected = 'a\n1\n{"b":"two"}\n{"who":"inner"}\nc = 3\n';
    const fromFile = await runCli(['-f', join(dir, 'job.sql')], { env: ENV });
    expect(fromFile.stderr).toBe('');
    expect(fromFile.stdout).toBe(expected);
    const piped = await runCli([], { env: ENV, input: script });
    expect(piped.stdout).toBe(expected);
    const quit = await runCli(['-c', 'SELECT 1 AS a;\n.quit\nSELECT 2 AS b;', '--format', 'csv'], { env: ENV });
    expect(quit.stdout).toBe('a\n1\n');
  });

  it('say which of several scripts failed, and stop there', async () => {
    writeFileSync(join(dir, 'bad.sql'), 'SELECT 1 AS ok;\nSELECT * FROM nowhere;\n');
    const run = await runCli(['--format', 'csv', '-c', 'SELECT 0 AS first', '-f', join(dir, 'bad.sql'), '-c', 'SELECT 9 AS never'], { env: ENV });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('first\n0\nok\n1\n');
    expect(run.stderr).toBe(`FAILED: ODPS-0130131:[2,15] Table not found - table nowhere cannot be resolved (in -f ${join(dir, 'bad.sql')})\n`);
  });

  it.each([
    [['--project', '1x', '-c', 'SELECT 1'], "ossduck: --project 1x: project name '1x' is not valid: use 3 to 28 letters, digits or underscores, starting with a letter; see ossduck --help"],
    [['--oss-endpoint', 'notaurl', '-c', 'SELECT 1'], "ossduck: --oss-endpoint notaurl: --oss-endpoint 'notaurl' is not a URL: expected http://<host>:<port> or https://<host>; see ossduck --help"],
    [['--set', 'ossduck.x=1', '-c', 'SELECT 1'], "ossduck: --set: unknown setting 'ossduck.x': ossduck settings are"],
    [['--set', 'threads=abc', '-c', 'SELECT 1'], 'ossduck: --set: setting threads=abc is not allowed'],
    [['--set', 'no_such_setting=1', '-c', 'SELECT 1'], 'ossduck: --set: setting no_such_setting=1 is not allowed'],
    [['--allow-dir', '/tmp', '-c', 'SELECT 1'], 'ossduck: --allow-dir opens folders to SQL in sandbox mode; give it with --sandbox'],
  ])('refuse the command line %j with exit 2 before any statement runs', async (args, message) => {
    const run = await runCli(args, { env: ENV });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith(message)).toBe(true);
    expect(run.stderr.trimEnd().endsWith('; see ossduck --help')).toBe(true);
  });

  it('refuse a --db that is a file with exit 2', async () => {
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'x');
    const run = await runCli(['--db', file, '-c', 'SELECT 1'], { env: ENV });
    expect(run).toEqual({ code: 2, stdout: '', stderr: `ossduck: --db ${file} is a file; a warehouse is a directory (it is created if missing); see ossduck --help\n` });
  });
});
