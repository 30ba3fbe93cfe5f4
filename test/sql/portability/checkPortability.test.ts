import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUICKSTART_SCRIPT } from '../../../src/cli/quickstartCommand.js';
import { lineIndex } from '../../../src/sql/Lexer.js';
import { checkPortability, checkScript } from '../../../src/sql/portability/checkPortability.js';
import { checkStatement } from '../../../src/sql/portability/checkStatement.js';
import { DUCKDB_FUNCTIONS } from '../../../src/sql/portability/duckdbFunctions.js';
import { DUCKDB_STATEMENTS } from '../../../src/sql/portability/duckdbStatements.js';
import { DUCKDB_SYNTAX } from '../../../src/sql/portability/duckdbSyntax.js';
import { DUCKDB_TYPES } from '../../../src/sql/portability/duckdbTypes.js';
import { MAXCOMPUTE_BUILTIN_FUNCTIONS } from '../../../src/sql/portability/maxComputeFunctions.js';
import { MAXCOMPUTE_SIZED_TYPES, MAXCOMPUTE_TYPES } from '../../../src/sql/portability/maxComputeStatements.js';
import { splitStatements } from '../../../src/sql/splitStatements.js';

const FIXTURES = new URL('../../fixtures/portability/', import.meta.url);
const MAXCOMPUTE_CORPUS = readdirSync(new URL('maxcompute/', FIXTURES)).filter((f) => f.endsWith('.sql'));

interface Ism {
  readonly name: string;
  readonly sql: string;
  readonly findings: readonly { code: string; line: number; column: number; construct: string }[];
}
const ISMS = JSON.parse(readFileSync(new URL('duckdb-isms.json', FIXTURES), 'utf8')) as Ism[];

/** The README's first SQL block: the script the manual opens with. */
function readmeScript(): string {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  return /```sql\n([\s\S]*?)```/.exec(readme)![1]!;
}

describe('checkPortability on MaxCompute SQL', () => {
  for (const file of MAXCOMPUTE_CORPUS) {
    it(`finds nothing in ${file}`, () => {
      const script = readFileSync(new URL(`maxcompute/${file}`, FIXTURES), 'utf8');
      expect(splitStatements(script).length).toBeGreaterThan(5);
      expect(checkPortability(script)).toEqual([]);
    });
  }

  it("finds nothing in the quickstart's script (MaxCompute's object-table example)", () => {
    expect(checkPortability(QUICKSTART_SCRIPT)).toEqual([]);
  });

  it("finds nothing in the README's opening script", () => {
    expect(checkPortability(readmeScript())).toEqual([]);
  });

  it('accepts a call of every MaxCompute built-in function, and a cast to every MaxCompute type', () => {
    for (const name of MAXCOMPUTE_BUILTIN_FUNCTIONS) expect(checkPortability(`SELECT ${name}(1) FROM t`), name).toEqual([]);
    for (const type of MAXCOMPUTE_TYPES) {
      const written = MAXCOMPUTE_SIZED_TYPES.has(type) ? `${type}(10)` : type === 'ARRAY' ? 'ARRAY<INT>' : type === 'MAP' ? 'MAP<STRING, INT>' : type === 'STRUCT' ? 'STRUCT<a:INT>' : type;
      expect(checkPortability(`SELECT CAST(x AS ${written}) FROM t`), type).toEqual([]);
    }
  });
});

describe('checkPortability on DuckDB-isms and ossduck extensions', () => {
  for (const ism of ISMS) {
    it(`flags ${ism.name} where it is written`, () => {
      const findings = checkPortability(ism.sql);
      expect(findings.map((f) => ({ code: f.code, line: f.line, column: f.column, construct: f.construct }))).toEqual(ism.findings);
      for (const f of findings) {
        expect(f.message.length).toBeGreaterThan(10);
        expect(f.instead.length).toBeGreaterThan(1);
        // The construct is the text at the position.
        const offset = ism.sql.split('\n').slice(0, f.line - 1).reduce((n, l) => n + l.length + 1, 0) + f.column - 1;
        expect(ism.sql.slice(offset, offset + f.construct.length)).toBe(f.construct);
      }
    });
  }

  it('has a DuckDB-ism in the corpus for every syntax rule', () => {
    const codes = new Set(ISMS.flatMap((i) => i.findings.map((f) => f.code)));
    for (const code of Object.keys(DUCKDB_SYNTAX)) expect(codes.has(code), code).toBe(true);
  });

  it('flags every DuckDB statement of the table, at the statement', () => {
    for (const form of DUCKDB_STATEMENTS) {
      const sql = `${form.words.join(' ')} something`;
      expect(checkPortability(sql).map((f) => [f.code, f.line, f.column]), sql).toContainEqual(['duckdb-statement', 1, 1]);
    }
  });

  it('names no MaxCompute function as a DuckDB one', () => {
    expect(Object.keys(DUCKDB_FUNCTIONS).filter((name) => MAXCOMPUTE_BUILTIN_FUNCTIONS.has(name.toUpperCase()))).toEqual([]);
  });

  it('flags every DuckDB function of the table, with what MaxCompute has instead', () => {
    for (const [name, instead] of Object.entries(DUCKDB_FUNCTIONS)) {
      const [finding] = checkPortability(`SELECT ${name}(1) FROM t`);
      expect(finding, name).toMatchObject({ code: 'duckdb-function', line: 1, column: 8, construct: name, instead });
    }
  });

  it('flags every DuckDB type of the table in a cast', () => {
    for (const [type, instead] of Object.entries(DUCKDB_TYPES)) {
      const [finding] = checkPortability(`SELECT CAST(x AS ${type}) FROM t`);
      expect(finding, type).toMatchObject({ code: 'duckdb-type', line: 1, column: 18, construct: type, instead });
    }
  });
});

describe('positions', () => {
  it('are the line and column ossduck gives, whatever the line endings, comments and statements before', () => {
    const clean = ['SELECT 1', '-- a comment\nSELECT key FROM docs', '/* block\r\n comment */ SELECT 2', 'USE p1x'];
    const isms = ['SELECT x::INT FROM t', 'SELECT 2 ^ 3', 'FROM t', 'SELECT strftime(now(), \'%Y\')'];
    const breaks = ['\n', '\r\n', '\r'];
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const parts: string[] = [];
      for (let k = 0; k < 1 + next(4); k++) parts.push(clean[next(clean.length)]!);
      const ism = isms[next(isms.length)]!;
      const at = next(parts.length + 1);
      parts.splice(at, 0, `${' '.repeat(next(3))}${ism}`);
      const script = parts.join(`;${breaks[next(breaks.length)]}${' '.repeat(next(2))}`);
      const [finding] = checkPortability(script);
      const construct = finding!.construct;
      const offset = script.indexOf(ism) + ism.indexOf(construct);
      expect({ line: finding!.line, column: finding!.column }, JSON.stringify(script)).toEqual(lineIndex(script)(offset));
    }
  });
});

describe('checkStatement', () => {
  it('gives, statement by statement, what checkPortability gives for the script', () => {
    const script = ISMS.map((i) => i.sql).join(';\n');
    const byStatement = splitStatements(script).flatMap((s) => checkStatement(s, script));
    expect(byStatement).toEqual(checkPortability(script));
    expect(byStatement.length).toBeGreaterThan(ISMS.length);
  });

  it('takes a function the script created before as defined, and flags it otherwise', () => {
    expect(checkPortability('CREATE SQL FUNCTION my_add(@a BIGINT) AS @a + 1;\nSELECT my_add(1)')).toEqual([]);
    expect(checkPortability('SELECT my_add(1)').map((f) => f.code)).toEqual(['unknown-function']);
    expect(checkScript('SELECT 1; SELECT my_add(1)').map((s) => s.findings.length)).toEqual([0, 1]);
  });
});

describe('a script that cannot be read', () => {
  it('gives one unreadable finding at the fault', () => {
    expect(checkPortability("SELECT 1;\nSELECT 'abc")).toEqual([
      { line: 2, column: 8, kind: 'statement', code: 'unreadable', construct: '', message: "unterminated string literal: add the closing '", instead: 'a script MaxCompute and ossduck can read' },
    ]);
  });

  it('reports a statement ossduck cannot read where it goes wrong', () => {
    const [finding] = checkPortability('SELECT 1;\nUSE a.b.c');
    expect(finding).toMatchObject({ code: 'unreadable', line: 2, column: 9, construct: 'c', message: "invalid token 'c': a project name has more than 2 parts" });
  });
});
