import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../support/runCli.js';

const SECRET = 'audit-crash-secret';
const ENV = { OSS_ACCESS_KEY_ID: 'LTAI5tAuditCrash', OSS_ACCESS_KEY_SECRET: SECRET };
const TABLE = `CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/exports/';`;
const sign = (what: string, rows: number): string => `${TABLE} SELECT count(GET_SIGNED_URL_FROM_OSS('default_project.default.t', '${what}-' || i::VARCHAR)) AS n FROM range(${rows}) t(i);`;

function keys(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { key: string }).key);
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(condition()).toBe(true);
}

describe('an ossduck process killed while a statement writes its audit lines as it runs', () => {
  let dir: string;
  let path: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-audit-crash-'));
    path = join(dir, 'audit.log');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves lines no reader counts, which the next writer cuts off before it appends', async () => {
    const first = await runCli(['--audit-log', path, '--format', 'csv', '-c', sign('committed', 3)], { env: ENV });
    expect(first.code, first.stderr).toBe(0);
    const committed = readFileSync(path, 'utf8');

    const child = spawn(process.execPath, [BIN, '--audit-log', path, '-c', sign('doomed', 200_000_000)], {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...ENV },
      stdio: 'ignore',
    });
    try {
      await until(() => existsSync(`${path}.lock`) && statSync(path).size > committed.length + 4 * 1024 * 1024);
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    expect(readFileSync(path, 'utf8').startsWith(committed)).toBe(true);
    expect(statSync(path).size).toBeGreaterThan(committed.length);

    // A reader counts only what was committed.
    const read = await runCli(['audit', '--format', 'jsonl', path], { env: ENV });
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { key: string }).key)).toEqual(['exports/committed-0', 'exports/committed-1', 'exports/committed-2']);

    // The next writer cuts the dead statement's lines off, then appends its own.
    const next = await runCli(['--audit-log', path, '--format', 'csv', '-c', sign('after', 2)], { env: ENV });
    expect(next.code, next.stderr).toBe(0);
    expect(keys(path)).toEqual(['exports/committed-0', 'exports/committed-1', 'exports/committed-2', 'exports/after-0', 'exports/after-1']);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(readFileSync(path, 'utf8')).not.toContain(SECRET);
  });
});
