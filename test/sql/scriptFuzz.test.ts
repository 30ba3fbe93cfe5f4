import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.js';
import { ScriptRunner } from '../support/ScriptRunner.js';
import type { RunResult } from '../support/ScriptRunner.js';

/**
 * The SQL front end under random and mutated scripts: whatever it is given
 * (unterminated strings and comments, stray semicolons, huge statements,
 * binary garbage, deep nesting), a script either runs or fails with an
 * ossduck error that names a position inside the script; it never hangs,
 * never crashes the process, never reports an internal error, and the
 * runtime answers the next statement. Each case runs in a child process
 * under a deadline; seeds are fixed so a failure replays.
 */

const SEED = 20261123;
/** Per case; the slowest cases here (2 MB statements, 20,000 levels of nesting) take well under a second. */
const DEADLINE_MS = 15_000;

const CORPUS = [
  `SET odps.namespace.schema=true;
USE fuzz_project;
CREATE SCHEMA IF NOT EXISTS my_schema;
USE SCHEMA my_schema;
SET odps.sql.timezone=Asia/Shanghai;
CREATE OBJECT TABLE IF NOT EXISTS docs
  LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/object-table-test/object_table_folder/'
  WITH SERDEPROPERTIES ('odps.properties.rolearn'='acs:ram::1234567890:role/aliyunodpsdefaultrole')
  TBLPROPERTIES ('a'='b') COMMENT 'the docs';
SELECT key, GET_SIGNED_URL_FROM_OSS('fuzz_project.my_schema.docs', key) AS url FROM docs;`,
  `CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/';
SELECT GET_SIGNED_URL_FROM_OSS('default_project.default.t', 'in/new.csv', 600, 'PUT') AS put_url,
       GET_SIGNED_URL_FROM_OSS('default_project.default.t', 'a b+c.txt', NULL, TIMESTAMP '2026-11-23 21:00:00', 'get');
DESC t; DESC EXTENDED t; SHOW TABLES; SHOW SCHEMAS; SHOW CREATE TABLE t; DROP TABLE IF EXISTS t;`,
  `SELECT 'it\\'s' AS \`key\`, "col" FROM (VALUES (1, 'x')) v(n, "col") /* block */ -- line
WHERE n IN (1, 2, 3) AND "col" LIKE 'x%' ORDER BY 1 LIMIT 10;
SET ossduck.signature_version=v1; SET ossduck.signing_time=2026-11-23T12:00:00Z; SET ossduck.signing_time=;`,
  `SELECT DATEADD(DATETIME '2026-01-31 00:00:00', 1, 'mm'), TO_DATE('2026-11-23', 'yyyy-mm-dd'), STRING(CAST('abc' AS BLOB));
ALTER TABLE docs REFRESH METADATA;
SELECT STRING(GET_DATA_FROM_OSS('fuzz_project.my_schema.docs', 'k.txt', 0, 10, 'WARN_AND_NULL'));`,
];

const VOCABULARY = [
  'SELECT', 'FROM', 'WHERE', 'AS', 'CREATE', 'OBJECT', 'TABLE', 'IF', 'NOT', 'EXISTS', 'LOCATION', 'WITH', 'SERDEPROPERTIES',
  'TBLPROPERTIES', 'COMMENT', 'ALTER', 'REFRESH', 'METADATA', 'SET', 'USE', 'SCHEMA', 'DESC', 'EXTENDED', 'SHOW', 'TABLES',
  'SCHEMAS', 'DROP', 'CASCADE', 'VALUES', 'CASE', 'WHEN', 'THEN', 'END', 'NULL', 'GET_SIGNED_URL_FROM_OSS', 'GET_DATA_FROM_OSS',
  'STRING', 'DATEADD', 'odps.sql.timezone', 'odps.namespace.schema', 'ossduck.signing_time', 'ossduck.signature_version', 'p.s.t',
  'fuzz_project', 'docs', "'oss://oss-cn-hangzhou.aliyuncs.com/bkt/dir/'", "'k.txt'", "'PUT'", '1', '-1', '604801', '1e309', '0x',
  '=', '(', ')', ',', '.', ';', ';;', "'", '"', '`', '/*', '*/', '--', '\n', '\\', '\\0', '\u0000', '\u0001', '\u001b[31m', '中文',
  '😀', '\ud800', '$1', '?', '::', '[', ']', '{', '}', '%', '*', '+', '||',
];

const valid = fc.constantFrom(...CORPUS);

/** Token soup from SQL words, names, literals and punctuation. */
const tokenSoup = fc
  .array(fc.tuple(fc.constantFrom(...VOCABULARY), fc.constantFrom('', ' ', '\n')), { maxLength: 40 })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

type Mutation =
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'duplicate'; readonly at: number; readonly length: number }
  | { readonly op: 'truncate'; readonly at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...VOCABULARY), fc.string({ maxLength: 4 })) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(script: string, mutations: readonly Mutation[]): string {
  let s = script;
  for (const m of mutations) {
    const at = s.length === 0 ? 0 : m.at % (s.length + 1);
    if (m.op === 'delete') s = s.slice(0, at) + s.slice(at + m.length);
    else if (m.op === 'insert') s = s.slice(0, at) + m.text + s.slice(at);
    else if (m.op === 'duplicate') s = s.slice(0, at + m.length) + s.slice(at, at + m.length) + s.slice(at + m.length);
    else s = s.slice(0, at);
  }
  return s;
}

const mutated = fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([script, ms]) => mutate(script, ms));

/** A valid script with something left open at a random point. */
const unterminated = fc
  .tuple(valid, fc.nat(), fc.constantFrom("'abc", "'it\\'", "'\\", '"col', '`key', '/* never closed', "/* '", "-- ; '\n'", "'--"))
  .map(([script, at, opener]) => script.slice(0, at % (script.length + 1)) + opener);

/** NUL and other control characters, raw or as escapes, anywhere in a valid script (DuckDB reads SQL text as a C string). */
const controlCharacters = fc
  .tuple(valid, fc.array(fc.tuple(fc.nat(), fc.constantFrom('\u0000', '\\0', '\u0001', '\u001b', '\u007f', '\r', '\ufeff', '\u2028')), { minLength: 1, maxLength: 4 }))
  .map(([script, inserts]) => mutate(script, inserts.map(([at, text]) => ({ op: 'insert' as const, at, text }))));

const straySemicolons = fc
  .tuple(fc.array(fc.constantFrom(';', ' ', '\n', ';;', '\t;', '-- ;\n', '/* ; */'), { maxLength: 30 }), valid)
  .map(([noise, script]) => {
    const statements = script.split(';');
    return statements.map((s, i) => s + (noise[i % Math.max(1, noise.length)] ?? '') + ';').join('');
  });

const garbage = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  fc.string({ unit: 'binary', maxLength: 500 }),
);

const OPENERS: readonly (readonly [string, string])[] = [
  ['(', ')'],
  ['[', ']'],
  ['abs(', ')'],
  ['(SELECT ', ')'],
  ['CASE WHEN true THEN ', ' END'],
  ["{'a': ", '}'],
  ['NOT ', ''],
  ['-', ''],
];

const deepNesting = fc
  .record({ pair: fc.constantFrom(...OPENERS), depth: fc.integer({ min: 1, max: 20_000 }), closed: fc.boolean() })
  .map(({ pair: [open, close], depth, closed }) => `SELECT ${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}`);

const hugeStatement = fc.oneof(
  fc
    .record({ term: fc.constantFrom('1', "'x'", 'a', '(1)', 'NULL'), op: fc.constantFrom(' + ', ', ', ' OR ', ' || '), count: fc.integer({ min: 1000, max: 60_000 }) })
    .map(({ term, op, count }) => `SELECT ${Array.from({ length: count }, () => term).join(op)}`),
  fc.integer({ min: 100_000, max: 2_000_000 }).map((n) => `SELECT length('${'x'.repeat(n)}') AS n`),
  fc.integer({ min: 100_000, max: 2_000_000 }).map((n) => `SELECT ${'y'.repeat(n)}`),
  fc.integer({ min: 100, max: 2000 }).map((n) => 'SELECT 1;'.repeat(n)),
);

/** Lines as ossduck and DuckDB count them: ending at \n, \r\n or a lone \r. */
function linesOf(script: string): string[] {
  return script.split(/\r\n?|\n/);
}

/** The failure, if any, of one case: a timeout, a crash, a dead runtime, an internal error or a missing or impossible position. */
function problemWith(script: string, result: RunResult): string | undefined {
  if (result.kind === 'timeout') return `no answer within ${DEADLINE_MS} ms`;
  if (result.kind === 'crash') return `the process died: ${result.detail}`;
  if (!result.alive) return 'the runtime did not answer SELECT 42 afterwards';
  const outcome = result.outcome;
  if (outcome.kind === 'ok') return undefined;
  if (outcome.code === undefined) return `not an ossduck error: ${outcome.name}: ${outcome.message}`;
  if (outcome.code === 'ODPS-0010000') return `an internal error: ${outcome.message}`;
  const p = outcome.position;
  if (!p) return `no position: ${outcome.code} ${outcome.message}`;
  const lines = linesOf(script);
  if (p.line < 1 || p.line > lines.length) return `line ${p.line} is outside the script's ${lines.length} lines: ${outcome.message}`;
  if (p.column < 1 || p.column > lines[p.line - 1]!.length + 1) return `column ${p.column} is outside line ${p.line}: ${outcome.message}`;
  return undefined;
}

function shown(script: string): string {
  return JSON.stringify(script.length > 300 ? `${script.slice(0, 300)}... (${script.length} characters)` : script);
}

describe('SQL front end under fuzzing', () => {
  let runner: ScriptRunner;

  beforeAll(() => {
    runner = new ScriptRunner();
  });

  afterAll(async () => {
    await runner.close();
  });

  const check = async (script: string): Promise<void> => {
    const problem = problemWith(script, await runner.run(script, DEADLINE_MS));
    expect(problem, shown(script)).toBeUndefined();
  };

  const families: readonly [string, fc.Arbitrary<string>, number][] = [
    ['the valid corpus', valid, 8],
    ['token soup', tokenSoup, 300],
    ['mutated valid scripts', mutated, 300],
    ['unterminated strings, identifiers and comments', unterminated, 80],
    ['stray semicolons', straySemicolons, 40],
    ['NUL and control characters', controlCharacters, 150],
    ['binary garbage', garbage, 120],
    ['deep nesting', deepNesting, 40],
    ['huge statements', hugeStatement, 12],
  ];
  for (const [name, arbitrary, numRuns] of families) {
    it(`${name}: runs or fails with a positioned error, never hangs or crashes`, async () => {
      await fc.assert(fc.asyncProperty(arbitrary, check), { seed: SEED, numRuns, endOnFailure: false });
    }, 300_000);
  }

  it('prints the position on the command line for a garbage script file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ossduck-fuzz-'));
    try {
      const file = join(dir, 'garbage.sql');
      writeFileSync(file, Buffer.from([0x53, 0x45, 0x4c, 0x45, 0x43, 0x54, 0x20, 0x31, 0x3b, 0x0a, 0xff, 0xfe, 0x00, 0x27, 0x41]));
      const run = await runCli(['-f', file]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^FAILED: ODPS-\d{7}:\[2,\d+\] /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
