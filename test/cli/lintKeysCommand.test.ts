import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLintKeysArgs } from '../../src/cli/lintKeysCommand.js';
import { UsageError } from '../../src/cli/UsageError.js';
import { keyToPath } from '../../src/emulator/keyToPath.js';
import { lintKey, lintKeyBytes } from '../../src/oss/lint/lintKey.js';
import { runCli } from '../support/runCli.js';

/** The lines of a file of keys, as bytes: line 4 is not UTF-8, line 6 starts with a byte-order mark, line 7 ends CRLF. */
const FILE_LINES: readonly Buffer[] = [
  Buffer.from('docs/a.pdf'),
  Buffer.from('docs/../a.pdf'),
  Buffer.from('/abs.pdf'),
  Buffer.from([0x64, 0x2f, 0xff, 0x2e, 0x74, 0x78, 0x74]),
  Buffer.from('a b.pdf'),
  Buffer.from('\ufeffbom.pdf'),
  Buffer.from('crlf.pdf'),
];
const FILE_BYTES = Buffer.concat([...FILE_LINES.slice(0, 6).flatMap((l) => [l, Buffer.from('\n')]), FILE_LINES[6]!, Buffer.from('\r\n')]);

let dir: string;
let keysFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ossduck-lint-keys-'));
  keysFile = join(dir, 'keys.txt');
  writeFileSync(keysFile, FILE_BYTES);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readLintKeysArgs', () => {
  it('reads a table with --db, or --file, with the format and the severities shown', () => {
    expect(readLintKeysArgs(['--db', 'wh', 'p.s.t'])).toEqual({ help: false, format: 'text', shown: new Set(['error', 'warn', 'info']), source: { kind: 'table', warehouse: 'wh', table: 'p.s.t' } });
    expect(readLintKeysArgs(['-f', '-', '--format', 'jsonl', '--severity', 'warn'])).toEqual({ help: false, format: 'jsonl', shown: new Set(['error', 'warn']), source: { kind: 'file', path: '-' } });
  });

  it('refuses command lines that say too little or too much, naming what is wrong', () => {
    const cases: [string[], string][] = [
      [[], 'give a table (--db WAREHOUSE project.schema.table) or --file PATH'],
      [['p.s.t'], 'give the warehouse that holds p.s.t with --db PATH'],
      [['--db', 'wh', '--file', 'k.txt'], '--db goes with a table name; --file reads keys from a file'],
      [['--file', 'k.txt', 'p.s.t'], 'give either a table or --file, not both'],
      [['--db', 'wh', 'p;drop'], "'p;drop' is not a table name: use project.schema.table (letters, digits and underscores)"],
      [['--db', 'wh', 'a.b.c.d'], "'a.b.c.d' is not a table name: use project.schema.table (letters, digits and underscores)"],
      [['--file', ''], '--file needs a path, or - for standard input'],
      [['--format', 'xml', '-f', 'k'], "--format 'xml' is not allowed; choose one of text, jsonl"],
      [['--severity', 'fatal', '-f', 'k'], "--severity 'fatal' is not allowed; choose one of error, warn, info"],
    ];
    for (const [argv, detail] of cases) {
      expect(() => readLintKeysArgs(argv), argv.join(' ')).toThrow(UsageError);
      expect(() => readLintKeysArgs(argv)).toThrow(`ossduck lint-keys: ${detail}`);
    }
  });
});

describe('ossduck lint-keys --file (a real process)', () => {
  it('prints each finding with the line it is on, then the counts, and exits 1 when a key has an error', async () => {
    const { code, stdout, stderr } = await runCli(['lint-keys', '--file', keysFile]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const expected: string[] = [];
    FILE_LINES.forEach((bytes, i) => {
      for (const f of lintKeyBytes(bytes)) expected.push(`${keysFile}:${i + 1}: ${f.severity} ${f.code} `);
    });
    const lines = stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).map((l) => l.slice(0, l.indexOf(' ', l.indexOf(' ', l.indexOf(' ') + 1) + 1) + 1))).toEqual(expected);
    expect(lines).toContain(
      `${keysFile}:3: error leading-slash '/abs.pdf': the key starts with '/': OSS refuses names that start with / or \\ (400 InvalidObjectName), and ali-oss strips leading slashes, so it would sign 'abs.pdf', another object`,
    );
    expect(lines.find((l) => l.startsWith(`${keysFile}:4: error invalid-utf8`))).toContain('byte 3 (0xFF) begins no UTF-8 character');
    expect(lines.find((l) => l.startsWith(`${keysFile}:6: warn invisible-character '\\u{FEFF}bom.pdf'`))).toBeDefined();
    expect(lines.some((l) => l.startsWith(`${keysFile}:7:`))).toBe(false);
    expect(lines.at(-1)).toBe(`${keysFile}: 7 keys, 2 errors, 2 warnings, 2 infos; 2 clean`);
  });

  it('reads standard input with --file -, and writes JSON lines with --format jsonl (the bytes of a line that is not UTF-8 in hex)', async () => {
    const { code, stdout, stderr } = await runCli(['lint-keys', '--file', '-', '--format', 'jsonl'], { input: FILE_BYTES });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const records = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.find((r) => r['code'] === 'invalid-utf8')).toEqual({
      source: '<stdin>',
      line: 4,
      key: 'd/\ufffd.txt',
      key_hex: '642fff2e747874',
      severity: 'error',
      code: 'invalid-utf8',
      message: lintKeyBytes(FILE_LINES[3]!).find((f) => f.code === 'invalid-utf8')!.message,
    });
    expect(records.filter((r) => r['line'] === 2).map((r) => r['code'])).toEqual(['dot-segment']);
    expect(records.find((r) => r['line'] === 6)!['key']).toBe('\ufeffbom.pdf');
    expect(records.every((r) => r['key_hex'] === undefined || r['line'] === 4)).toBe(true);
  });

  it('shows only the severities asked for with --severity, and exits 0 when no key has an error', async () => {
    const { code, stdout } = await runCli(['lint-keys', '-f', '-', '--severity', 'warn'], { input: 'ok.pdf\na b+c.pdf\nx/./y\n' });
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((l) => /^<stdin>:\d+:/.test(l)).map((l) => l.split(' ').slice(1, 3).join(' '))).toEqual(['warn plus-sign', 'warn dot-segment']);
    expect(stdout).toContain('<stdin>: 3 keys, 0 errors, 2 warnings, 1 info; 1 clean\n');
  });

  it('prints the help with --help', async () => {
    const { code, stdout } = await runCli(['lint-keys', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: ossduck lint-keys --db WAREHOUSE project.schema.table');
    expect(stdout).toContain('--severity LEVEL');
  });

  it('exits 2 with one line naming the problem for a bad command line, a missing file, a directory or a missing warehouse', async () => {
    const cases: [string[], string][] = [
      [['lint-keys'], 'ossduck lint-keys: give a table (--db WAREHOUSE project.schema.table) or --file PATH (see ossduck lint-keys --help)'],
      [['lint-keys', '--nope'], "ossduck lint-keys: unknown option '--nope'; options are --db, --file, --format, --severity, --help (see ossduck lint-keys --help)"],
      [['lint-keys', '--file', join(dir, 'missing.txt')], `ossduck lint-keys: cannot read '${join(dir, 'missing.txt')}': no such file (see ossduck lint-keys --help)`],
      [['lint-keys', '--file', dir], `ossduck lint-keys: cannot read '${dir}': it is a directory (see ossduck lint-keys --help)`],
      [['lint-keys', '--db', join(dir, 'no-warehouse'), 'p.s.t'], `ossduck lint-keys: no warehouse at '${join(dir, 'no-warehouse')}': give the --db PATH the table was made in (see ossduck lint-keys --help)`],
    ];
    for (const [argv, message] of cases) {
      const { code, stdout, stderr } = await runCli(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(`${message}\n`);
    }
  });
});

describe('ossduck lint-keys --db (a real process)', () => {
  /** Object names in the bucket: the table's location is examplebucket/docs/. */
  const OBJECTS = ['docs/a.pdf', 'docs/b c.pdf', 'docs/sub/../up.pdf', 'docs//lead.pdf', `docs/${'x'.repeat(1020)}`];
  let warehouse: string;

  beforeAll(async () => {
    warehouse = join(dir, 'wh');
    for (const key of OBJECTS) {
      const path = join(warehouse, 'oss', 'examplebucket', ...keyToPath(key));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, key);
    }
    const made = await runCli([
      '--db',
      warehouse,
      '-c',
      "USE lint_project; CREATE OBJECT TABLE docs LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/examplebucket/docs/'; ALTER TABLE docs REFRESH METADATA;",
    ]);
    expect(made.code, made.stderr).toBe(0);
  });

  it("lints each object of the table after REFRESH: the location's prefix and the key", async () => {
    const { code, stdout, stderr } = await runCli(['lint-keys', '--db', warehouse, 'lint_project.default.docs']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    const expected = [...OBJECTS].sort().flatMap((object) => lintKey(object).map((f) => `lint_project.default.docs: ${f.severity} ${f.code} '${object}': ${f.message}`));
    expect(lines.slice(0, -1).sort()).toEqual(expected.sort());
    // The key '/lead.pdf' is the object 'docs//lead.pdf': a // run, not a leading slash.
    expect(lines.some((l) => l.includes("double-slash 'docs//lead.pdf'"))).toBe(true);
    expect(lines.some((l) => l.includes('leading-slash'))).toBe(false);
    expect(lines.some((l) => l.includes('error too-long') && l.includes('1025 bytes'))).toBe(true);
    expect(lines.at(-1)).toBe('lint_project.default.docs: 5 keys, 1 error, 2 warnings, 1 info; 1 clean');
  });

  it('gives each record the table key and the object name in JSON lines', async () => {
    const { stdout } = await runCli(['lint-keys', '--db', warehouse, 'lint_project.default.docs', '--format', 'jsonl', '--severity', 'warn']);
    const records = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => [r['key'], r['object'], r['code']])).toEqual([
      ['/lead.pdf', 'docs//lead.pdf', 'double-slash'],
      ['sub/../up.pdf', 'docs/sub/../up.pdf', 'dot-segment'],
      ['x'.repeat(1020), `docs/${'x'.repeat(1020)}`, 'too-long'],
    ]);
  });

  it('exits 2 naming a table the warehouse does not have', async () => {
    const { code, stdout, stderr } = await runCli(['lint-keys', '--db', warehouse, 'lint_project.default.nodocs']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('ossduck lint-keys: lint_project.default.nodocs: table lint_project.default.nodocs cannot be resolved (see ossduck lint-keys --help)\n');
  });
});
