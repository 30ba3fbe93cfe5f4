import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCommand, readAuditArgs } from '../../src/cli/auditCommand.js';
import { UsageError } from '../../src/cli/UsageError.js';
import { Credentials } from '../../src/oss/Credentials.js';
import { Presigner } from '../../src/oss/signing/Presigner.js';
import { IssuedUrlLog } from '../../src/session/IssuedUrlLog.js';
import { objectTable } from '../support/FunctionHarness.js';
import { runCli } from '../support/runCli.js';

const T0 = Date.UTC(2026, 10, 23, 12) / 1000;
const NOW = Date.UTC(2030, 0, 1);

interface Issue {
  readonly bucket: string;
  readonly key: string;
  /** Seconds after T0. */
  readonly signedAfter: number;
  readonly ttl: number;
  readonly accessKeyId: string;
}

/** Records `issues` in the audit log at `path` as a session would, one statement each. */
async function record(path: string, issues: readonly Issue[]): Promise<void> {
  const log = new IssuedUrlLog(() => path);
  try {
    for (const [i, issue] of issues.entries()) {
      await log.begin(i + 1, `SELECT ${i}`);
      const table = objectTable('p.default.t', `oss://oss-cn-hangzhou.aliyuncs.com/${issue.bucket}/`);
      const presigner = new Presigner({
        version: 'v4',
        credentials: new Credentials({ accessKeyId: issue.accessKeyId, accessKeySecret: 'audit-command-secret' }),
        method: 'GET',
        bucket: issue.bucket,
        signTime: T0 + issue.signedAfter,
        expiresIn: issue.ttl,
        region: 'cn-hangzhou',
        product: 'oss',
        address: { scheme: 'https', host: 'oss-cn-hangzhou.aliyuncs.com', style: 'virtual' },
      });
      log.addName(log.describe('GET_SIGNED_URL_FROM_OSS', table, presigner), issue.key);
      await log.commit();
    }
  } finally {
    await log.close();
  }
}

const ISSUES: readonly Issue[] = [
  { bucket: 'alpha', key: 'docs/a.txt', signedAfter: 0, ttl: 3600, accessKeyId: 'LTAI5tOne' },
  { bucket: 'alpha', key: 'docs/b c.txt', signedAfter: 0, ttl: 600, accessKeyId: 'LTAI5tOne' },
  { bucket: 'alpha', key: 'img/x.png', signedAfter: 1800, ttl: 3600, accessKeyId: 'LTAI5tTwo' },
  { bucket: 'beta', key: 'docs/a.txt', signedAfter: 0, ttl: 7200, accessKeyId: 'LTAI5tOne' },
  { bucket: 'alpha', key: 'docs/late.txt', signedAfter: 5400, ttl: 60, accessKeyId: 'LTAI5tOne' },
];

/** Runs the command in this process; its exit code and what it printed. */
async function audit(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  err.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await auditCommand(argv, { stdin: new PassThrough(), stdout: out, stderr: err, env: {} }, () => NOW);
  return { code, stdout, stderr };
}

const at = (secondsAfterT0: number): string => new Date((T0 + secondsAfterT0) * 1000).toISOString();

let dir: string;
let path: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ossduck-audit-command-'));
  path = join(dir, 'audit.log');
  await record(path, ISSUES);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readAuditArgs', () => {
  it('reads the logs, the filters, the instant (now by default) and the format', () => {
    expect(readAuditArgs(['a.log'], NOW)).toEqual({ files: ['a.log'], bucket: undefined, prefix: undefined, accessKeyId: undefined, at: NOW, format: 'text' });
    expect(readAuditArgs(['--bucket', 'b', '--prefix', 'd/', '--access-key-id', 'K', '--live-at', '2026-11-23T20:30:00+08:00', '--format', 'jsonl', 'a.log', 'b.log'], NOW)).toEqual({
      files: ['a.log', 'b.log'],
      bucket: 'b',
      prefix: 'd/',
      accessKeyId: 'K',
      at: Date.UTC(2026, 10, 23, 12, 30),
      format: 'jsonl',
    });
    expect(readAuditArgs(['--live-at', 'now', 'a.log'], NOW)).toMatchObject({ at: NOW });
    expect(readAuditArgs(['-h'], NOW)).toBe('help');
  });

  it('refuses what it cannot read, naming it and what is allowed', () => {
    const cases: [string[], string][] = [
      [[], 'give the audit log to read, e.g. ossduck audit --bucket examplebucket audit.log'],
      [['--live-at', 'tomorrow', 'a.log'], "--live-at 'tomorrow' is not an ISO 8601 instant: use e.g. 2026-11-23T12:30:00Z or 2026-11-23T20:30:00+08:00, or now"],
      [['--live-at', '2026-11-23T12:30:00', 'a.log'], "--live-at '2026-11-23T12:30:00' has no offset, so it names no single instant: add Z (UTC) or +08:00, ..."],
      [['--live-at', '2026-13-45T12:30:00Z', 'a.log'], "--live-at '2026-13-45T12:30:00Z' is not an ISO 8601 instant"],
      [['--bucket', '', 'a.log'], '--bucket needs a value'],
      [['--format', 'csv', 'a.log'], "--format 'csv' is not allowed; choose one of text, jsonl"],
      [['--colour', 'a.log'], "unknown option '--colour'"],
    ];
    for (const [argv, detail] of cases) {
      expect(() => readAuditArgs(argv, NOW), argv.join(' ')).toThrow(UsageError);
      expect(() => readAuditArgs(argv, NOW), argv.join(' ')).toThrow(`ossduck audit: ${detail}`);
    }
  });
});

describe('ossduck audit', () => {
  it('lists the URLs live at the instant, signed at or before it and expiring after it, then counts them', async () => {
    const { code, stdout, stderr } = await audit(['--bucket', 'alpha', '--live-at', at(1800), path]);
    expect([code, stderr]).toEqual([0, '']);
    const lines = stdout.trimEnd().split('\n');
    // docs/b c.txt expired at 600 s; img/x.png was signed at 1800 s (live from that instant); docs/late.txt not yet signed.
    expect(lines.slice(0, -1).map((l) => l.split(/ {2,}/).slice(0, 3))).toEqual([
      [at(3600), 'GET', 'alpha/docs/a.txt'],
      [at(5400), 'GET', 'alpha/img/x.png'],
    ]);
    expect(lines[0]).toMatch(/ {2}LTAI5tOne {2}p\.default\.t {2}signed 2026-11-23T12:00:00\.000Z in statement 1 of session [0-9a-f]{16}$/);
    expect(lines.at(-1)).toBe(`2 URLs live at ${at(1800)}, of 4 URLs recorded for bucket alpha in ${path}`);
  });

  it('does not count a URL live at the instant it expires', async () => {
    const { stdout } = await audit(['--bucket', 'alpha', '--prefix', 'docs/b', '--live-at', at(600), path]);
    expect(stdout).toBe(`0 URLs live at ${at(600)}, of 1 URL recorded for bucket alpha, objects under 'docs/b' in ${path}\n`);
    const before = await audit(['--bucket', 'alpha', '--prefix', 'docs/b', '--live-at', at(599), path]);
    expect(before.stdout).toContain(`'alpha/docs/b c.txt'`);
  });

  it('answers for an AccessKeyId across buckets, and prints the log lines themselves with --format jsonl', async () => {
    const { code, stdout } = await audit(['--access-key-id', 'LTAI5tOne', '--live-at', at(100), '--format', 'jsonl', path]);
    expect(code).toBe(0);
    const logLines = readFileSync(path, 'utf8').split('\n');
    expect(stdout).toBe(`${[logLines[0], logLines[1], logLines[3]].join('\n')}\n`);
  });

  it('reads several logs, and leaves out a last line still being written', async () => {
    const second = join(dir, 'second.log');
    await record(second, [{ bucket: 'alpha', key: 'docs/second.txt', signedAfter: 0, ttl: 3600, accessKeyId: 'LTAI5tOne' }]);
    appendFileSync(second, '{"signedAt":"2026-11-23T12:00:00.000Z","session":"ab');
    const { code, stdout } = await audit(['--bucket', 'alpha', '--prefix', 'docs/', '--live-at', at(100), path, second]);
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((l) => l.includes('alpha/')).map((l) => l.split(/ {2,}/)[2])).toEqual(['alpha/docs/a.txt', "'alpha/docs/b c.txt'", 'alpha/docs/second.txt']);
    expect(stdout).toContain(`3 URLs live at ${at(100)}, of 4 URLs recorded for bucket alpha, objects under 'docs/' in ${path}, ${second}`);
  });

  it('prints nothing, and exits 2 naming the file and line, when a line is not one of the audit log', async () => {
    const cases: [string, string][] = [
      ['not json', 'it is not JSON'],
      ['[1,2]', 'it is an array, not an object'],
      ['{"time":"2026-11-23T12:00:00.000Z","requestId":"1","verdict":"served"}', "it is a line of ossduck serve's access log (--access-log), not of the audit log (--audit-log)"],
      [readFileSync(path, 'utf8').split('\n')[0]!.replace('"bucket":"alpha",', ''), "it has no field 'bucket'"],
      [readFileSync(path, 'utf8').split('\n')[0]!.replace('"statement":1', '"statement":"1"'), "its field 'statement' is string, not number"],
      [readFileSync(path, 'utf8').split('\n')[0]!.replace(/"expiresAt":"[^"]+"/, '"expiresAt":"tomorrow"'), "its field 'expiresAt' is not an ISO 8601 instant"],
    ];
    for (const [line, why] of cases) {
      const bad = join(dir, 'bad.log');
      writeFileSync(bad, `${readFileSync(path, 'utf8')}${line}\n`);
      const { code, stdout, stderr } = await audit(['--live-at', at(100), bad]);
      expect([code, stdout], line).toEqual([2, '']);
      expect(stderr).toContain(`ossduck audit: ${bad}:6 is not a line of ossduck's audit log: ${why}`);
    }
    const missing = await audit([join(dir, 'missing.log')]);
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toContain(`cannot read '${join(dir, 'missing.log')}': no such file`);
  });

  it('checks every line before printing even when the answer is too big to hold, then prints it all', async () => {
    const big = join(dir, 'big.log');
    const log = new IssuedUrlLog(() => big);
    const table = objectTable('p.default.t', 'oss://oss-cn-hangzhou.aliyuncs.com/alpha/');
    await log.begin(1, 'SELECT many');
    const presigner = new Presigner({
      version: 'v4',
      credentials: new Credentials({ accessKeyId: 'LTAI5tOne', accessKeySecret: 's' }),
      method: 'GET',
      bucket: 'alpha',
      signTime: T0,
      expiresIn: 3600,
      region: 'cn-hangzhou',
      product: 'oss',
      address: { scheme: 'https', host: 'oss-cn-hangzhou.aliyuncs.com', style: 'virtual' },
    });
    const issue = log.describe('GET_SIGNED_URL_FROM_OSS', table, presigner);
    const count = 28_000;
    for (let i = 0; i < count; i++) log.addName(issue, `big/${i}/${'k'.repeat(500)}`);
    await log.close();
    const { code, stdout } = await audit(['--live-at', at(1), '--format', 'jsonl', big]);
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThan(32 * 1024 * 1024);
    expect(stdout).toBe(readFileSync(big, 'utf8'));
    appendFileSync(big, 'broken\n');
    const broken = await audit(['--live-at', at(1), big]);
    expect([broken.code, broken.stdout]).toEqual([2, '']);
    expect(broken.stderr).toContain(`${big}:${count + 1} is not a line of ossduck's audit log`);
  });
});

describe('ossduck audit (a real process)', () => {
  it('answers from the command line and shows its help', async () => {
    const run = await runCli(['audit', '--bucket', 'beta', '--live-at', at(10), path]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]!.split(/ {2,}/).slice(0, 3)).toEqual([at(7200), 'GET', 'beta/docs/a.txt']);
    const help = await runCli(['audit', '--help']);
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining('Usage: ossduck audit [options] AUDIT_LOG...')]);
    const bad = await runCli(['audit', '--live-at', 'soon', path]);
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([2, '', expect.stringContaining("ossduck audit: --live-at 'soon' is not an ISO 8601 instant")]);
  });
});
