import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { Session } from '../../src/session/Session.js';
import { MAX_CONCAT_ARGUMENTS } from '../../src/udf/concatFunctions.js';
import { failureOf, textRows } from '../support/sessionProbe.js';

let session: Session;
const rows = (sql: string): Promise<string[][]> => textRows(session, sql);

/** MaxCompute's documented examples (CONCAT and CONCAT_WS pages), with the results they show. */
const DOCUMENTED: readonly [sql: string, result: string][] = [
  ["concat('aabc', 'abcde')", 'aabcabcde'],
  ['concat()', 'NULL'],
  ["concat('aabc', 'abcde', null)", 'NULL'],
  ['concat([10, 20], [20, -20])', '[10, 20, 20, -20]'],
  ['concat([10, NULL], [20, -20])', '[10, NULL, 20, -20]'],
  ['concat([10, 20], NULL)', 'NULL'],
  ["concat_ws(':', 'name', 'hanmeimei')", 'name:hanmeimei'],
  ["concat_ws(':', 'avg', NULL, '34')", 'NULL'],
  ["concat_ws(':', ['name', 'hanmeimei'])", 'name:hanmeimei'],
];

describe('CONCAT and CONCAT_WS, as MaxCompute documents them', () => {
  beforeAll(async () => {
    session = await Session.open({
      credentials: new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAIconcat', accessKeySecret: 'concat-secret' })),
      settings: { 'ossduck.signing_time': '2026-11-23T12:00:00Z' },
    });
    await session.run("CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/'");
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(DOCUMENTED)('SELECT %s gives %s', async (sql, result) => {
    expect(await rows(`SELECT ${sql}`)).toEqual([[result]]);
  });

  it('gives NULL, not a URL for another object, when a part of the key is NULL', async () => {
    const sql = `SELECT GET_SIGNED_URL_FROM_OSS('default_project.default.t', concat('photos/', name, '.jpg')) AS url
      FROM (VALUES ('cat'), (NULL)) v(name) ORDER BY name NULLS LAST`;
    const [cat, missing] = await rows(sql);
    expect(cat![0]).toMatch(/^https:\/\/examplebucket\.oss-cn-hangzhou\.aliyuncs\.com\/dir\/photos\/cat\.jpg\?/);
    expect(missing).toEqual(['NULL']);
  });

  it('turns numbers, DECIMAL, DATE and DATETIME into text as it joins them', async () => {
    expect(await rows("SELECT concat('k', 1, CAST(2.5 AS DOUBLE), CAST(3.25 AS DECIMAL(5, 2)), DATETIME '2024-01-01 10:00:00')")).toEqual([['k12.53.252024-01-01 10:00:00']]);
    expect(await rows("SELECT concat_ws('/', 'a', 1, DATE '2024-01-02')")).toEqual([['a/1/2024-01-02']]);
  });

  it('gives NULL for a NULL separator, and joins an array of one or none', async () => {
    expect(await rows("SELECT concat_ws(NULL, 'a', 'b'), concat_ws(NULL, ['a']), concat_ws(',', CAST([] AS VARCHAR[])), concat_ws(',', 'x'), concat_ws(',', NULL)")).toEqual([
      ['NULL', 'NULL', '', 'x', 'NULL'],
    ]);
  });

  it(`takes up to ${MAX_CONCAT_ARGUMENTS} arguments, and names the limit past it`, async () => {
    const parts = (n: number): string => Array.from({ length: n }, (_, i) => `'${i % 10}'`).join(', ');
    expect(await rows(`SELECT length(concat(${parts(MAX_CONCAT_ARGUMENTS)})), length(concat_ws('', ${parts(MAX_CONCAT_ARGUMENTS - 1)}))`)).toEqual([
      [String(MAX_CONCAT_ARGUMENTS), String(MAX_CONCAT_ARGUMENTS - 1)],
    ]);
    const error = await failureOf(session, `SELECT concat(${parts(MAX_CONCAT_ARGUMENTS + 1)})`);
    expect(error.code).toBe('ODPS-0130221');
    expect(error.detail).toMatch(new RegExp(`^function CONCAT needs 0 to ${MAX_CONCAT_ARGUMENTS} parameters, actually have ${MAX_CONCAT_ARGUMENTS + 1}; `));
  });

  it('runs a volatile argument once: the text joined is the text made', async () => {
    expect(await rows("SELECT count(*) FROM range(200) r(i), LATERAL (SELECT concat_ws('|', CAST(random() AS VARCHAR), 'x') AS s) WHERE s NOT LIKE '%|x'")).toEqual([['0']]);
    expect(await rows("SELECT count(*) FROM range(200) r(i), LATERAL (SELECT uuid()::VARCHAR AS u) WHERE concat(u, '') <> u")).toEqual([['0']]);
  });
});
