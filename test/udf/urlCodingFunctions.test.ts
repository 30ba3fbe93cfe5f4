import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import vectorFile from '../fixtures/maxcompute/url-coding-vectors.json' with { type: 'json' };

/** A documented rule as a call and its value (`result`) or a part of its error (`error`), with the page it is from. */
interface DocumentedRule {
  readonly sql: string;
  readonly result?: string;
  readonly error?: string;
  readonly url: string;
  readonly doc: string;
}
const RULES: readonly DocumentedRule[] = vectorFile.vectors;

describe("URL_ENCODE and URL_DECODE, MaxCompute's form encoding", () => {
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

  it('encodes and decodes the values of a table column, each row on its own', async () => {
    const rows = await textRows(
      session,
      "SELECT url_encode(v), url_decode(url_encode(v)) FROM (VALUES (1, 'a b'), (2, NULL), (3, '1+1=2'), (4, '')) t(i, v) ORDER BY i",
    );
    expect(rows).toEqual([
      ['a+b', 'a b'],
      ['NULL', 'NULL'],
      ['1%2B1%3D2', '1+1=2'],
      ['', ''],
    ]);
  });
});
