import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { Session } from '../../src/session/Session.js';
import { FUNCTION_ARITY } from '../../src/udf/functionArity.js';
import { failureOf, textRows } from '../support/sessionProbe.js';

const credentials = new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAIcount', accessKeySecret: 'count-secret' }));

/** How the table's counts read in MaxCompute's message. */
const COUNTS_TEXT: Readonly<Record<string, string>> = {
  GET_SIGNED_URL_FROM_OSS: '2 to 5',
  GET_DATA_FROM_OSS: '2 to 5',
  OSSDUCK_PRESIGN: '2 or 3',
  OSSDUCK_EXPLAIN_URL: '1 or 2',
  OSSDUCK_LINT_KEY: '1',
  STRING: '1',
  GETDATE: '0',
  DATEADD: '3',
  DATEDIFF: '2 or 3',
  TO_DATE: '1 or 2',
  TO_CHAR: '1 or 2',
  FROM_UNIXTIME: '1',
  UNIX_TIMESTAMP: '0 or 1',
  CONCAT: '0 to 64',
  CONCAT_WS: '2 to 64',
  SUBSTR: '2 or 3',
  SUBSTRING: '2 or 3',
  REGEXP_EXTRACT: '2 or 3',
  REGEXP_EXTRACT_ALL: '2 or 3',
  REGEXP_REPLACE: '3 or 4',
  FLOOR: '1',
  CEIL: '1',
  CEILING: '1',
  NVL: '2',
  DECODE: '1 or 3 to 64',
  SPLIT: '2 or 3',
  WEEKDAY: '1',
  DAYOFWEEK: '1',
  DATEPART: '2',
  DATETRUNC: '2',
  DATE_ADD: '2',
  DATE_SUB: '2',
  LAST_DAY: '1 or 2',
  LASTDAY: '1',
  ADD_MONTHS: '2',
  MONTHS_BETWEEN: '2',
  NEXT_DAY: '2',
  TO_MILLIS: '1',
  CURRENT_TIMESTAMP: '0',
  NOW: '0',
  DATE_FORMAT: '2',
  ISDATE: '2',
  SPLIT_PART: '3 or 4',
  URL_ENCODE: '1 or 2',
  URL_DECODE: '1 or 2',
  LN: '1',
  LOG: '1 or 2',
  SQRT: '1',
  TOLOWER: '1',
  TOUPPER: '1',
  GET_JSON_OBJECT: '2',
  INSTR: '2 to 4',
  WM_CONCAT: '2',
  COLLECT_LIST: '1',
  COLLECT_SET: '1',
  KEYVALUE: '2 or 4',
};

const calls: [name: string, count: number][] = Object.keys(FUNCTION_ARITY).flatMap((name) => [0, 1, 2, 3, 4, 5, 6, 7].map((count) => [name, count] as [string, number]));

describe('argument counts of ossduck functions', () => {
  let session: Session;
  beforeAll(async () => {
    session = await Session.open({ credentials, project: 'count_project' });
  });
  afterAll(async () => {
    await session.close();
  });

  it('has a message for every function of the table', () => {
    expect(Object.keys(FUNCTION_ARITY).sort()).toEqual(Object.keys(COUNTS_TEXT).sort());
  });

  it.each(calls)('%s with %i arguments: ODPS-0130221 exactly when the table does not allow the count', async (name, count) => {
    const args = Array.from({ length: count }, () => 'NULL').join(', ');
    const sql = `SELECT ${name}(${args})`;
    const error = await session.run(sql).then(
      () => undefined,
      (e: { code?: string; detail?: string; position?: unknown; format?: () => string }) => e,
    );
    if (FUNCTION_ARITY[name]!.counts.includes(count)) {
      expect(error?.code, `${sql}: ${error?.detail}`).not.toBe('ODPS-0130221');
      return;
    }
    expect(error?.code, sql).toBe('ODPS-0130221');
    expect(error!.detail).toBe(`function ${name} needs ${COUNTS_TEXT[name]} parameters, actually have ${count}; ${FUNCTION_ARITY[name]!.usage}`);
    expect(error!.position).toEqual({ line: 1, column: 8 });
    expect(error!.format!()).toMatch(/^FAILED: ODPS-0130221:\[1,8\] Invalid number of arguments - function /);
  });

  it('names the call at fault among several, nested and over lines, whatever the case', async () => {
    const error = await failureOf(session, "SELECT dateadd(getdate(), 1, 'dd'),\n  datediff(to_date('2026-01-01', 'yyyy-mm-dd'))");
    expect(error.code).toBe('ODPS-0130221');
    expect(error.detail).toMatch(/^function DATEDIFF needs 2 or 3 parameters, actually have 1; /);
    expect(error.position).toEqual({ line: 2, column: 3 });
    const inner = await failureOf(session, "SELECT DATEADD(GETDATE(7), 1, 'dd')");
    expect(inner.detail).toMatch(/^function GETDATE needs 0 parameters, actually have 1; /);
    expect(inner.position).toEqual({ line: 1, column: 16 });
  });

  it('counts an argument holding commas inside parentheses, brackets and strings as one', async () => {
    const error = await failureOf(session, "SELECT TO_CHAR(greatest(1, 2), 'a,b', [1, 2])");
    expect(error.detail).toMatch(/^function TO_CHAR needs 1 or 2 parameters, actually have 3; /);
    expect(await textRows(session, "SELECT TO_CHAR(DATEADD(DATETIME '2026-01-01 00:00:00', 1, 'dd'), 'yyyy-mm-dd')")).toEqual([['2026-01-02']]);
  });

  it('leaves a wrong type with the right count, and DuckDB\'s own functions, to their own errors', async () => {
    expect((await failureOf(session, "SELECT DATEADD('x', 'y', 'dd')")).code).not.toBe('ODPS-0130221');
    expect((await failureOf(session, 'SELECT abs(1, 2)')).code).toBe('ODPS-0130071');
  });
});
