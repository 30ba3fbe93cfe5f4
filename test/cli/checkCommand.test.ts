import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPortability } from '../../src/sql/portability/checkPortability.js';
import { runCli } from '../support/runCli.js';

const CLEAN = fileURLToPath(new URL('../fixtures/portability/maxcompute/object-tables.sql', import.meta.url));
const DUCK = 'SET ossduck.signing_time=2026-11-23T12:00:00Z;\nSELECT key::VARCHAR, strftime(last_modified, \'%Y\')\nFROM docs\nGROUP BY ALL;\nINSTALL httpfs;\n';

let dir: string;
let duckFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ossduck-check-'));
  duckFile = join(dir, 'job.sql');
  writeFileSync(duckFile, DUCK);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ossduck check (a real process)', () => {
  it('says a MaxCompute script is clean, and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['check', '--target', 'maxcompute', CLEAN]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`${CLEAN}: 21 statements, nothing MaxCompute would refuse\n`);
    // A byte-order mark an editor wrote before the first statement is not SQL.
    const bom = await runCli(['check', '-'], { input: '\ufeffSELECT 1;\n' });
    expect([bom.code, bom.stdout]).toEqual([0, '<stdin>: 1 statement, nothing MaxCompute would refuse\n']);
  });

  it('reports each finding as file:line:column with what to use instead, then the count, and exits 1', async () => {
    const { code, stdout, stderr } = await runCli(['check', duckFile]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const expected = checkPortability(DUCK).map((f) => `${duckFile}:${f.line}:${f.column}: ${f.kind} ${f.code}: ${f.message}; instead: ${f.instead}`);
    expect(stdout).toBe(`${[...expected, `${duckFile}: 6 findings in 3 of 3 statements`].join('\n')}\n`);
    expect(stdout).toContain(`${duckFile}:2:11: syntax cast-operator: '::' is DuckDB's cast operator; instead: CAST(expr AS type)`);
    expect(stdout).toContain(`${duckFile}:5:1: statement duckdb-statement: INSTALL (a DuckDB extension): MaxCompute has no such statement;`);
  });

  it('writes JSON lines with --format jsonl, and reads standard input for -', async () => {
    const { code, stdout } = await runCli(['check', '--format', 'jsonl', '-'], { input: DUCK });
    expect(code).toBe(1);
    const records = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => [r['file'], r['line'], r['column'], r['code']])).toEqual(checkPortability(DUCK).map((f) => ['<stdin>', f.line, f.column, f.code]));
    expect(records[0]).toEqual({
      file: '<stdin>',
      line: 1,
      column: 5,
      kind: 'setting',
      code: 'ossduck-setting',
      construct: 'ossduck.signing_time',
      message: "ossduck.signing_time is ossduck's own setting; MaxCompute has no such flag",
      instead: 'MaxCompute signs at the moment a statement runs: remove it (keep it in the tests that run on ossduck)',
    });
  });

  it('checks several scripts in one run', async () => {
    const { code, stdout } = await runCli(['check', CLEAN, duckFile]);
    expect(code).toBe(1);
    expect(stdout.startsWith(`${CLEAN}: 21 statements, nothing MaxCompute would refuse\n${duckFile}:1:5:`)).toBe(true);
  });

  it('reports a script it cannot read at the fault, and exits 1', async () => {
    const { code, stdout } = await runCli(['check', '-'], { input: "SELECT 1;\nSELECT 'abc" });
    expect(code).toBe(1);
    expect(stdout).toBe("<stdin>:2:8: statement unreadable: unterminated string literal: add the closing '; instead: a script MaxCompute and ossduck can read\n<stdin>: 1 finding in 1 of 1 statement\n");
  });

  it('exits 2 with one line for a command line or a file it cannot read, and prints its help', async () => {
    const cases: [string[], string][] = [
      [['check'], 'ossduck check: give the script to check: ossduck check script.sql (- for standard input) (see ossduck check --help)'],
      [['check', '--target', 'hive', 'x.sql'], "ossduck check: --target 'hive' is not allowed; choose one of maxcompute (see ossduck check --help)"],
      [['check', '--nope'], "ossduck check: unknown option '--nope'; options are --target, --format, --help (see ossduck check --help)"],
      [['check', join(dir, 'missing.sql')], `ossduck check: cannot read '${join(dir, 'missing.sql')}': no such file (see ossduck check --help)`],
      [['check', dir], `ossduck check: cannot read '${dir}': it is a directory (see ossduck check --help)`],
    ];
    for (const [argv, message] of cases) {
      const { code, stdout, stderr } = await runCli(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(`${message}\n`);
    }
    const help = await runCli(['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ossduck check [--target maxcompute]');
  });
});
