import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.js';

/**
 * MaxCompute's documented examples of TIMESTAMP and TIMESTAMP_NTZ under
 * odps.sql.timezone (its "TIMESTAMP_NTZ data type" page), as written: the
 * same file the portability check passes clean.
 */
const DOCUMENTED_SCRIPT = fileURLToPath(new URL('../fixtures/portability/maxcompute/timestamp-time-zones.sql', import.meta.url));

describe('TIMESTAMP under odps.sql.timezone, as MaxCompute documents it', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-tz-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function csv(script: string, args: readonly string[] = []): Promise<string> {
    const file = join(dir, 'job.sql');
    writeFileSync(file, script);
    const run = await runCli(['--format', 'csv', ...args, '-f', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return run.stdout;
  }

  it('gives the outputs the page shows: TIMESTAMP shifts with the session zone, TIMESTAMP_NTZ keeps its wall time', async () => {
    const run = await runCli(['--format', 'csv', '-f', DOCUMENTED_SCRIPT]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'key,value', // setproject: no project settings
        'ts', '1970-01-01 00:00:00',
        'ts', '1969-12-31 16:00:00',
        'a,b', '1970-01-01 00:00:00,1970-01-01 00:00:00',
        'a,b', '1969-12-31 16:00:00,1970-01-01 00:00:00',
        '',
      ].join('\n'),
    );
  });

  it('reads a TIMESTAMP literal in the zone the statement runs in, and keeps the instant', async () => {
    const script = `SET odps.sql.timezone=Asia/Tokyo;
SELECT UNIX_TIMESTAMP(TIMESTAMP '1970-01-01 09:00:00') AS tokyo, CAST('1970-01-01 09:00:00' AS TIMESTAMP) AS cast_text;
SET odps.sql.timezone=America/Los_Angeles;
SELECT UNIX_TIMESTAMP(TIMESTAMP '1970-01-01 09:00:00') AS la, TIMESTAMP '2025-07-01 12:00:00' = TIMESTAMP '2025-07-01 19:00:00 UTC' AS summer;
`;
    expect(await csv(script)).toBe('tokyo,cast_text\n0,1970-01-01 09:00:00\nla,summer\n61200,true\n');
  });

  it('gives GETDATE() in the session zone, as the time-zone page shows with Asia/Tokyo', async () => {
    const script = "SET ossduck.signing_time=2026-11-23T12:00:00Z;\nSET odps.sql.timezone=Asia/Tokyo;\nSELECT getdate();\nSET odps.sql.timezone=Asia/Shanghai;\nSELECT getdate();\n";
    expect(await csv(script)).toBe('_c0\n2026-11-23 21:00:00\n_c0\n2026-11-23 20:00:00\n');
  });

  it('writes a TIMESTAMP in jsonl as MaxCompute shows it: the wall time in the session zone, no offset', async () => {
    const sql = "SET odps.sql.timezone=UTC; SELECT TIMESTAMP '2026-01-01 00:00:00' AS t";
    expect((await runCli(['--format', 'jsonl', '-c', sql])).stdout).toBe('{"t":"2026-01-01 00:00:00"}\n');
    expect((await runCli(['--format', 'jsonl', '--set', 'odps.sql.timezone=Asia/Shanghai', '-c', "SELECT TIMESTAMP '2026-01-01 00:00:00' AS t, CAST(NULL AS TIMESTAMP) AS n"])).stdout).toBe(
      '{"t":"2026-01-01 00:00:00","n":null}\n',
    );
  });

  it('gives CAST(ts AS STRING) as MaxCompute writes it, in the session zone, with no offset', async () => {
    const script = "SET odps.sql.timezone=UTC;\nSELECT CAST(TIMESTAMP '2024-01-01 00:00:00' AS STRING) AS s, CAST(TIMESTAMP '2024-01-01 00:00:00.25' AS STRING) AS f, CAST(DATETIME '2024-01-01 08:00:00' AS STRING) AS d, CAST(1.5 AS STRING) AS n, CAST(NULL AS STRING) AS z;\n";
    expect(await csv(script)).toBe('s,f,d,n,z\n2024-01-01 00:00:00,2024-01-01 00:00:00.25,2024-01-01 08:00:00,1.5,\n');
  });

  it('gives CAST(s AS BINARY) the bytes of the text as written, backslashes and non-ASCII included', async () => {
    const script = "SELECT octet_length(CAST('\\\\x41' AS BINARY)) AS escaped, octet_length(CAST('h\u00e9llo' AS BINARY)) AS utf8, CAST(CAST('h\u00e9llo' AS BINARY) AS STRING) AS back, CAST(NULL AS BINARY) AS z;\n";
    expect(await csv(script)).toBe('escaped,utf8,back,z\n4,6,h\u00e9llo,\n');
  });
});
