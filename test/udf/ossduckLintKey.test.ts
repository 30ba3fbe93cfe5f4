import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openOssduck } from '../../src/index.js';
import type { Ossduck } from '../../src/index.js';
import { OssduckError } from '../../src/OssduckError.js';

interface Vector {
  readonly note: string;
  readonly key?: string;
  readonly findings: readonly { severity: string; code: string; message: string }[];
}

const VECTORS = (JSON.parse(readFileSync(new URL('../fixtures/lint-key-vectors.json', import.meta.url), 'utf8')) as Vector[]).filter(
  // A DuckDB VARCHAR is UTF-8: keys with lone surrogates reach SQL only as bytes.
  (v): v is Vector & { key: string } => v.key !== undefined && !/[\ud800-\udfff]/.test(v.key.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')),
);

/** `key` as a MaxCompute string literal. */
function literal(key: string): string {
  return `'${key.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

let ossduck: Ossduck | undefined;

async function open(): Promise<Ossduck> {
  ossduck = await openOssduck({ credentials: { accessKeyId: 'LTAI5tLintUdf', accessKeySecret: 'LintUdfSecret-never-shown' } });
  return ossduck;
}

afterEach(async () => {
  await ossduck?.close();
  ossduck = undefined;
});

describe('OSSDUCK_LINT_KEY', () => {
  it("returns the key linter's findings for every key of the vectors, as LIST<STRUCT(code, severity, message)>", async () => {
    const o = await open();
    const values = VECTORS.map((v, i) => `(${i}, ${literal(v.key)})`).join(', ');
    const [result] = await o.run(`SELECT i, OSSDUCK_LINT_KEY(k) AS f FROM (VALUES ${values}) t(i, k) ORDER BY i`);
    expect(result!.rows).toHaveLength(VECTORS.length);
    for (const row of result!.rows) {
      const v = VECTORS[Number(row['i'])]!;
      expect(row['f'], v.note).toEqual(v.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message })));
    }
  });

  it('gives NULL for NULL, an empty list for a clean key, and is typed as a list of structs', async () => {
    const o = await open();
    const [result] = await o.run(
      "SELECT OSSDUCK_LINT_KEY(NULL) AS n, OSSDUCK_LINT_KEY(CAST(NULL AS VARCHAR)) AS t, OSSDUCK_LINT_KEY('docs/a.pdf') AS clean, typeof(OSSDUCK_LINT_KEY('x')) AS type",
    );
    expect(result!.rows).toEqual([{ n: null, t: null, clean: [], type: 'STRUCT(code VARCHAR, severity VARCHAR, message VARCHAR)[]' }]);
  });

  it('keeps a leading U+FEFF that DuckDB computes (chr(65279))', async () => {
    const o = await open();
    const [result] = await o.run("SELECT f.code AS code FROM (SELECT unnest(OSSDUCK_LINT_KEY(chr(65279) || 'a.pdf')) AS f)");
    expect(result!.rows.map((r) => r['code'])).toEqual(['invisible-character', 'needs-encoding']);
  });

  it('says what the URL path is: the path of the URL GET_SIGNED_URL_FROM_OSS signs for the key', async () => {
    const o = await open();
    await o.run(`USE lint_udf;
      CREATE OBJECT TABLE docs LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/';
      SET ossduck.signing_time=2026-11-23T12:00:00Z;`);
    const keys = ['a b.pdf', 'c++/x.pdf', "it's (1)!*.txt", '表格/数据.csv', 'a%20b', '\ufeffbom', 'tab\there', 'caf\u0065\u0301'];
    for (const key of keys) {
      const [result] = await o.run(
        `SELECT GET_SIGNED_URL_FROM_OSS('lint_udf.default.docs', ${literal(key)}) AS url, OSSDUCK_LINT_KEY(${literal(key)}) AS f`,
      );
      const row = result!.rows[0]!;
      const info = (row['f'] as { code: string; message: string }[]).find((f) => f.code === 'needs-encoding')!;
      const path = /^the URL path is (\S+), not the key as typed/.exec(info.message)![1]!;
      expect(new URL(row['url'] as string).pathname, key).toBe(`/dir${path}`);
    }
  });

  it('refuses a call of another form with a message naming its form and the position of the call', async () => {
    const o = await open();
    const cases: [string, RegExp][] = [
      ['SELECT OSSDUCK_LINT_KEY(1)', /^FAILED: ODPS-0130121:\[1,8\] Invalid argument type - OSSDUCK_LINT_KEY: key \(argument 1\) must be STRING \(VARCHAR\), got INTEGER: call it as OSSDUCK_LINT_KEY\(key STRING\)$/],
      ["SELECT 1,\n  OSSDUCK_LINT_KEY('a', 'b')", /^FAILED: ODPS-0130221:\[2,3\] Invalid number of arguments - function OSSDUCK_LINT_KEY needs 1 parameters, actually have 2; call it as OSSDUCK_LINT_KEY\(key\)$/],
      ['SELECT OSSDUCK_LINT_KEY()', /^FAILED: ODPS-0130221:\[1,8\] Invalid number of arguments - function OSSDUCK_LINT_KEY needs 1 parameters, actually have 0/],
    ];
    for (const [sql, expected] of cases) {
      const error = await o.run(sql).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, sql).toBeInstanceOf(OssduckError);
      expect((error as OssduckError).format()).toMatch(expected);
    }
  });
});
