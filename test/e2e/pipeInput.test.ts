import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../support/runCli.js';

const LINES = Array.from({ length: 5000 }, (_, i) => `${i + 1},key-${i + 1}`).join('\n') + '\n';

describe('a query reading a pipe (stdin, a FIFO)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-pipe-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads every row of `... | ossduck -c \"SELECT ... FROM read_csv('/dev/stdin')\"` (DuckDB read the pipe twice and found it empty: 0 rows)", () => {
    const file = join(dir, 'piped.csv');
    writeFileSync(file, LINES);
    const sql = `SELECT count(*) AS n, sum(column0) AS total, max(column1) AS last FROM read_csv('/dev/stdin', header = false)`;
    // A shell pipeline, as a user types it (Node's own stdio pipes are sockets, which /dev/stdin cannot reopen).
    const run = spawnSync('sh', ['-c', `cat "$1" | "$2" "$3" --format csv -c "$4"`, 'sh', file, process.execPath, BIN, sql], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' } });
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toBe('n,total,last\n5000,12502500,key-999\n');
  });

  it('reads a named pipe (mkfifo) once, whole', async () => {
    const fifo = join(dir, 'rows.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', `cat > '${fifo}'`], { stdio: ['pipe', 'ignore', 'ignore'] });
    writer.stdin.end(LINES);
    const run = await runCli(['--format', 'csv', '-c', `SELECT count(*) AS n FROM read_csv('${fifo}', header = false)`]);
    expect([run.code, run.stderr, run.stdout]).toEqual([0, '', 'n\n5000\n']);
  });

  it('reads a regular file as before', async () => {
    const file = join(dir, 'rows.csv');
    writeFileSync(file, LINES);
    const run = await runCli(['--format', 'csv', '-c', `SELECT count(*) AS n FROM read_csv('${file}', header = false)`]);
    expect(run.stdout).toBe('n\n5000\n');
  });
});
