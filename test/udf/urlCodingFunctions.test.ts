import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { suiteSession } from '../support/suiteSession.js';
import { textRows } from '../support/sessionProbe.js';
import { itFollowsDocumentedRules } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/url-coding-vectors.json' with { type: 'json' };

describe("URL_ENCODE and URL_DECODE, MaxCompute's form encoding", () => {
  const session = suiteSession();

  itFollowsDocumentedRules(session, vectorFile.vectors, 'VARCHAR');

  it('encodes and decodes the values of a table column, each row on its own', async () => {
    const rows = await textRows(
      session(),
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
