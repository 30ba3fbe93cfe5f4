import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOssduck } from '../../src/index.js';
import { LOCAL_ACCOUNT_FILE } from '../../src/oss/local/LocalOssAccount.js';
import { SERVER_FILE } from '../../src/oss/local/LocalOssServer.js';
import { runCli } from '../support/runCli.js';
import { ServeProcess } from '../support/ServeProcess.js';

const run = promisify(execFile);
const CONTENT = 'served after the command ended\n';
const SETUP = `USE served_project;
CREATE OBJECT TABLE IF NOT EXISTS docs LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/served-bucket/dir/';`;
const SIGN = `${SETUP}
ALTER TABLE docs REFRESH METADATA;
SELECT key, STRING(GET_DATA_FROM_OSS('served_project.default.docs', key)) AS content,
       GET_SIGNED_URL_FROM_OSS('served_project.default.docs', key) AS url FROM docs;`;

/** Real curl, failing on an HTTP error: the body. */
async function curl(url: string): Promise<string> {
  return (await run('curl', ['-sS', '--fail-with-body', url])).stdout;
}

/** The secret the warehouse's account file holds. */
function secretOf(warehouse: string): string {
  return (JSON.parse(readFileSync(join(warehouse, LOCAL_ACCOUNT_FILE), 'utf8')) as { accessKeySecret: string }).accessKeySecret;
}

describe('ossduck serve --db: URLs that work after the command ends', () => {
  let scratch: string;
  let warehouse: string;
  let serve: ServeProcess;
  const shown: string[] = [];

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'ossduck-served-'));
    warehouse = join(scratch, 'wh');
    mkdirSync(join(warehouse, 'oss', 'served-bucket', 'dir'), { recursive: true });
    writeFileSync(join(warehouse, 'oss', 'served-bucket', 'dir', 'a.txt'), CONTENT);
    serve = await ServeProcess.start(['--db', warehouse], {});
  });

  afterAll(async () => {
    await serve?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('serves the warehouse with its own account, made on first use and kept private, and records where it listens', async () => {
    await serve.stderrMatch(/stop with Ctrl-C or SIGTERM\n/);
    expect(statSync(join(warehouse, LOCAL_ACCOUNT_FILE)).mode & 0o777).toBe(0o600);
    const record = JSON.parse(readFileSync(join(warehouse, SERVER_FILE), 'utf8')) as Record<string, unknown>;
    expect(statSync(join(warehouse, SERVER_FILE)).mode & 0o777).toBe(0o600);
    expect(record).toMatchObject({ ossUrl: serve.ossUrl, stsUrl: serve.stsUrl, pid: serve.child.pid, root: join(warehouse, 'oss') });
    expect(Object.keys(record).sort()).toEqual(['accessKeyId', 'consoleUrl', 'ossUrl', 'pid', 'root', 'startedAt', 'stsUrl', 'version']);
    expect(serve.stderr).toContain(`ossduck serve: warehouse ${warehouse}: buckets in ${join(warehouse, 'oss')}, account ${String(record['accessKeyId'])}`);
    shown.push(serve.stderr);
  });

  it('is where ossduck --db sends its requests and URLs: curl downloads the URL after the command has exited', async () => {
    const cli = await runCli(['--db', warehouse, '--format', 'jsonl', '-c', SIGN]);
    shown.push(cli.stdout, cli.stderr);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).toBe(`ossduck: no OSS endpoint or credentials set; using the local OSS of ossduck serve --db ${warehouse} at ${serve.ossUrl} (pid ${serve.child.pid}, buckets in ${join(warehouse, 'oss')})\n`);
    const row = JSON.parse(cli.stdout) as { key: string; content: string; url: string };
    expect(row.key).toBe('a.txt');
    expect(row.content).toBe(CONTENT);
    expect(row.url.startsWith(`${serve.ossUrl}/served-bucket/dir/a.txt?x-oss-credential=LTAI`)).toBe(true);
    expect(await curl(row.url)).toBe(CONTENT);
  });

  it('is where openOssduck({ warehouse }) sends them too', async () => {
    const notices: string[] = [];
    const duck = await openOssduck({ warehouse, env: {}, onNotice: (m) => notices.push(m) });
    let url: string;
    try {
      const [result] = (await duck.run(`${SETUP} SELECT GET_SIGNED_URL_FROM_OSS('served_project.default.docs', 'a.txt', 600) AS url;`)).slice(-1);
      url = String(result!.rows[0]!['url']);
    } finally {
      await duck.close();
    }
    expect(notices).toEqual([expect.stringContaining(`using the local OSS of ossduck serve --db ${warehouse} at ${serve.ossUrl}`)]);
    expect(url.startsWith(`${serve.ossUrl}/`)).toBe(true);
    expect(await curl(url)).toBe(CONTENT);
  });

  it('refuses a second server for the same warehouse', async () => {
    const second = await runCli(['serve', '--db', warehouse]);
    shown.push(second.stdout, second.stderr);
    expect(second).toEqual({
      code: 1,
      stdout: '',
      stderr: `ossduck serve: warehouse ${warehouse} is served already, at ${serve.ossUrl} (pid ${serve.child.pid}); stop that one first\n`,
    });
  });

  it('refuses --db with --root, and a --db that is a file', async () => {
    const both = await runCli(['serve', '--db', warehouse, '--root', scratch]);
    expect(both).toEqual({ code: 2, stdout: '', stderr: "ossduck serve: --db serves the warehouse's own oss/ folder: leave out --root; see ossduck serve --help\n" });
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'x');
    const onFile = await runCli(['serve', '--db', file]);
    expect(onFile).toEqual({ code: 2, stdout: '', stderr: `ossduck serve: --db ${file} is a file; a warehouse is a directory (it is created if missing); see ossduck serve --help\n` });
  });

  it('never shows the account secret', () => {
    const secret = secretOf(warehouse);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(shown.filter((text) => text.includes(secret))).toEqual([]);
    expect(readFileSync(join(warehouse, SERVER_FILE), 'utf8')).not.toContain(secret);
  });
});

describe('ossduck serve --db: when the server is gone', () => {
  let warehouse: string;

  beforeAll(() => {
    warehouse = mkdtempSync(join(tmpdir(), 'ossduck-served-gone-'));
    mkdirSync(join(warehouse, 'oss', 'served-bucket', 'dir'), { recursive: true });
    writeFileSync(join(warehouse, 'oss', 'served-bucket', 'dir', 'a.txt'), CONTENT);
  });
  afterAll(() => rmSync(warehouse, { recursive: true, force: true }));

  it('removes its record when it stops', async () => {
    const serve = await ServeProcess.start(['--db', warehouse], {});
    expect(existsSync(join(warehouse, SERVER_FILE))).toBe(true);
    expect(await serve.stop()).toBe(0);
    expect(existsSync(join(warehouse, SERVER_FILE))).toBe(false);
  });

  it('ignores the record of a server killed outright: runs use the embedded local OSS, and say its URLs end with them', async () => {
    const serve = await ServeProcess.start(['--db', warehouse], {});
    await new Promise((resolve) => {
      serve.child.once('exit', resolve);
      serve.child.kill('SIGKILL');
    });
    expect(existsSync(join(warehouse, SERVER_FILE))).toBe(true);
    const cli = await runCli(['--db', warehouse, '--format', 'jsonl', '-c', SIGN]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).toMatch(
      new RegExp(
        `^ossduck: no OSS endpoint or credentials set; using the embedded local OSS at http://127\\.0\\.0\\.1:\\d+ \\(buckets in ${warehouse}/oss\\); ` +
          `its URLs stop working when this process ends: run ossduck serve --db ${warehouse} to keep them working\\n$`,
      ),
    );
    const row = JSON.parse(cli.stdout) as { content: string; url: string };
    expect(row.content).toBe(CONTENT);
    // Signed with the warehouse's account, for an address nothing listens at now.
    await expect(curl(row.url)).rejects.toThrow(/Failed to connect|Could not connect|Connection refused/);
    // A new server replaces the stale record, and the URLs a run prints work again.
    const again = await ServeProcess.start(['--db', warehouse], {});
    try {
      const served = await runCli(['--db', warehouse, '--format', 'jsonl', '-c', SIGN]);
      expect(served.stderr).toContain(`using the local OSS of ossduck serve --db ${warehouse} at ${again.ossUrl}`);
      expect(await curl((JSON.parse(served.stdout) as { url: string }).url)).toBe(CONTENT);
    } finally {
      await again.stop();
    }
  });

  it('gives every process the one account of a new warehouse, however many make it at once', async () => {
    const fresh = join(warehouse, 'fresh');
    mkdirSync(fresh);
    const module = join(import.meta.dirname, '..', '..', 'src', 'oss', 'local', 'LocalOssAccount.ts');
    const code = `const { loadLocalAccount } = await import(${JSON.stringify(module)}); process.stdout.write(loadLocalAccount(${JSON.stringify(fresh)}).account.accessKeyId);`;
    const ids = await Promise.all(
      Array.from({ length: 6 }, async () => (await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: join(import.meta.dirname, '..', '..') })).stdout),
    );
    const saved = (JSON.parse(readFileSync(join(fresh, LOCAL_ACCOUNT_FILE), 'utf8')) as { accessKeyId: string }).accessKeyId;
    expect(ids).toEqual(Array.from({ length: 6 }, () => saved));
  });
});
