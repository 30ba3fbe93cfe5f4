import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import vectorFile from '../fixtures/maxcompute/get-json-object-vectors.json' with { type: 'json' };

/** A documented rule as a call and its value (`result`) or a part of its error (`error`), with the page it is from. */
interface DocumentedRule {
  readonly sql: string;
  readonly result?: string;
  readonly error?: string;
  readonly url: string;
  readonly doc: string;
}
const RULES: readonly DocumentedRule[] = vectorFile.vectors;

describe("GET_JSON_OBJECT, MaxCompute's JSON path extraction", () => {
  let session: Session;
  beforeAll(async () => {
    session = await Session.open();
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(RULES)('$sql ($url)', async ({ sql, result, error }) => {
    if (error !== undefined) {
      const failure = await failureOf(session, `SELECT ${sql}`);
      expect(failure.message).toContain(error);
      expect(failure.message).not.toContain('\n');
    } else {
      expect(await textRows(session, `SELECT ${sql}, typeof(${sql})`)).toEqual([[result, 'VARCHAR']]);
    }
  });

  it('reads a table column, a malformed row giving NULL rather than failing the query', async () => {
    const rows = await textRows(
      session,
      "SELECT get_json_object(j, '$.k.v'), get_json_object(j, '$.k') FROM (VALUES (1, '{\"k\":{\"v\":\"x\"}}'), (2, '{oops'), (3, NULL), (4, '{\"k\":[1]}')) t(i, j) ORDER BY i",
    );
    expect(rows).toEqual([
      ['x', '{"v":"x"}'],
      ['NULL', 'NULL'],
      ['NULL', 'NULL'],
      ['NULL', '[1]'],
    ]);
  });

  it('takes the path from a column, an invalid one giving NULL on its row', async () => {
    const rows = await textRows(
      session,
      "SELECT get_json_object('{\"a\":{\"b\":2}}', p) FROM (VALUES (1, '$.a.b'), (2, 'bad'), (3, '$[''a'']'), (4, NULL)) t(i, p) ORDER BY i",
    );
    expect(rows).toEqual([['2'], ['NULL'], ['{"b":2}'], ['NULL']]);
  });
});
