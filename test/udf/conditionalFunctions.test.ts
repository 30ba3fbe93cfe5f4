import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { MAX_DECODE_ARGUMENTS } from '../../src/udf/conditionalFunctions.js';
import { failureOf, textRows } from '../support/sessionProbe.js';

let session: Session;

describe('NVL and DECODE, as MaxCompute documents them', () => {
  beforeAll(async () => {
    session = await Session.open();
  });
  afterAll(async () => {
    await session.close();
  });

  it('NVL gives the default for NULL only', async () => {
    expect(await textRows(session, "SELECT nvl(NULL, 'u'), nvl('v', 'u'), nvl(NULL, NULL), nvl(0, 5)")).toEqual([['u', 'v', 'NULL', '0']]);
  });

  it("DECODE maps each customer_id as MaxCompute's example does, a NULL search matching NULL", async () => {
    const rows = await textRows(
      session,
      `SELECT customer_id, decode(customer_id, 1, 'Taobao', 2, 'Alipay', 3, 'Aliyun', NULL, 'N/A', 'Others') AS result
        FROM (VALUES (1), (2), (3), (4), (NULL)) v(customer_id) ORDER BY customer_id NULLS LAST`,
    );
    expect(rows).toEqual([['1', 'Taobao'], ['2', 'Alipay'], ['3', 'Aliyun'], ['4', 'Others'], ['NULL', 'N/A']]);
  });

  it('DECODE without a default gives NULL when nothing matches, and takes the first match', async () => {
    expect(await textRows(session, "SELECT decode(9, 1, 'a'), decode(1, 1, 'first', 1, 'second')")).toEqual([['NULL', 'first']]);
  });

  it('DECODE runs its expression once per row', async () => {
    const rows = await textRows(session, "SELECT count(*) FROM range(500) r(i) WHERE decode(CAST(random() < 0.5 AS INTEGER), 0, 'x', 1, 'y', 'neither') = 'neither'");
    expect(rows).toEqual([['0']]);
  });

  it("keeps DuckDB's one-argument decode of a BLOB, and names the counts DECODE takes", async () => {
    expect(await textRows(session, "SELECT decode(CAST('hi' AS BLOB))")).toEqual([['hi']]);
    const error = await failureOf(session, 'SELECT decode(1, 2)');
    expect(error.code).toBe('ODPS-0130221');
    expect(error.detail).toMatch(new RegExp(`^function DECODE needs 1 or 3 to ${MAX_DECODE_ARGUMENTS} parameters, actually have 2; `));
  });
});
