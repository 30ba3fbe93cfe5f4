import { afterEach, describe, expect, it, vi } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { EmbeddedOss } from '../../src/session/EmbeddedOss.js';
import type { CredentialSource } from '../../src/oss/CredentialSource.js';
import { OssError } from '../../src/oss/OssError.js';
import { OssduckError } from '../../src/OssduckError.js';
import { Session } from '../../src/session/Session.js';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const SECRET = 'ExplainUdfSecret-1618';
const TABLE = 'p_explain.default.docs';
const SETUP = `
USE p_explain;
CREATE OBJECT TABLE docs LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/';
SET ossduck.signing_time=2026-11-23T12:00:00Z;
`;

/** A sound V4 URL signed by AccessKeyId LTAIx, whose secret no test holds. */
const FOREIGN_URL =
  'https://examplebucket.oss-cn-hangzhou.aliyuncs.com/dir/k?x-oss-credential=LTAIx%2F20261123%2Fcn-hangzhou%2Foss%2Faliyun_v4_request' +
  '&x-oss-date=20261123T115900Z&x-oss-expires=3600&x-oss-signature=' + 'a'.repeat(64) + '&x-oss-signature-version=OSS4-HMAC-SHA256';

let runtime: Session | undefined;

async function open(source: CredentialSource = new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAIexplain', accessKeySecret: SECRET }))): Promise<Session> {
  runtime = await Session.open({ credentials: source, clock: () => NOW });
  await runtime.run(SETUP);
  return runtime;
}

/** The named fields of OSSDUCK_EXPLAIN_URL(<urlSql>), as text (NULL as null). */
async function explainRow(r: Session, urlSql: string, fields: readonly string[], extra = ''): Promise<Record<string, string | null>> {
  const select = fields.map((f) => `CAST(e.${f} AS VARCHAR) AS ${f}`).join(', ');
  const results = await r.run(`${extra} SELECT ${select} FROM (SELECT OSSDUCK_EXPLAIN_URL(${urlSql}) AS e)`);
  const last = results[results.length - 1]!;
  return Object.fromEntries(last.columnNames.map((name, i) => [name, last.rows[0]![i] as string | null]));
}

afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
});

describe('OSSDUCK_EXPLAIN_URL', () => {
  it("accepts a URL the session signed, with the runtime's credentials, at the statement instant", async () => {
    const r = await open();
    const row = await explainRow(
      r,
      `GET_SIGNED_URL_FROM_OSS('${TABLE}', 'a b.txt', 600)`,
      ['verdict', 'reason', 'oss_error', 'version', 'style', 'host', 'bucket', 'key', 'region', 'product', 'access_key_id', 'signed_at', 'expires_at', 'expires_in', 'seconds_left', 'security_token'],
      "SET odps.sql.timezone=UTC;",
    );
    expect(row).toEqual({
      verdict: 'accepted',
      reason: 'OSS would accept it: the signature matches GET with no headers; valid for another 10 min',
      oss_error: null,
      version: 'v4',
      style: 'virtual',
      host: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
      bucket: 'examplebucket',
      key: 'dir/a b.txt',
      region: 'cn-hangzhou',
      product: 'oss',
      access_key_id: 'LTAIexplain',
      signed_at: '2026-11-23 12:00:00+00',
      expires_at: '2026-11-23 12:10:00+00',
      expires_in: '600',
      seconds_left: '600',
      security_token: null,
    });
  });

  it('lists the checks, and V1 URLs decode too', async () => {
    const r = await open();
    const results = await r.run(
      `SET ossduck.signature_version=v1;
       SELECT c.name, c.status FROM (SELECT UNNEST(OSSDUCK_EXPLAIN_URL(GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k')).checks) AS c)`,
    );
    expect(results[results.length - 1]!.rows).toEqual([
      ['parameters', 'ok'],
      ['plus-sign', 'ok'],
      ['expiry', 'ok'],
      ['access-key', 'ok'],
      ['security-token', 'ok'],
      ['signature', 'ok'],
    ]);
  });

  it('refuses a URL whose key was changed, with the canonical request it expected', async () => {
    const r = await open();
    const row = await explainRow(r, `replace(GET_SIGNED_URL_FROM_OSS('${TABLE}', 'a.txt'), '/dir/a.txt', '/dir/b.txt')`, [
      'verdict',
      'oss_status',
      'oss_error',
      'key',
      'canonical_request',
    ]);
    expect(row).toMatchObject({ verdict: 'refused', oss_status: '403', oss_error: 'SignatureDoesNotMatch', key: 'dir/b.txt' });
    expect(row['canonical_request']!.split('\n').slice(0, 2)).toEqual(['GET', '/examplebucket/dir/b.txt']);
  });

  it('judges at the statement instant: a URL signed earlier has expired', async () => {
    const r = await open();
    const [, signed] = await r.run(`SET ossduck.signing_time=2026-11-23T10:00:00Z; SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'a.txt', 60)`);
    const url = String(signed!.rows[0]![0]);
    const row = await explainRow(r, `'${url}'`, ['verdict', 'reason', 'seconds_left'], 'SET ossduck.signing_time=2026-11-23T12:00:00Z;');
    expect(row).toEqual({
      verdict: 'refused',
      reason: 'it expired 1 h 59 min ago, at 2026-11-23T10:01:00Z (OSS: AccessDenied, Request has expired)',
      seconds_left: String(-(2 * 3600 - 60)),
    });
  });

  it('judges at the second the statement signs at, so a URL it signs has its whole lifetime left', async () => {
    runtime = await Session.open({ credentials: new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAIexplain', accessKeySecret: SECRET })), clock: () => NOW + 999 });
    await runtime.run(SETUP.replace('SET ossduck.signing_time=2026-11-23T12:00:00Z;', ''));
    const row = await explainRow(runtime, `GET_SIGNED_URL_FROM_OSS('${TABLE}', 'a.txt', 600)`, ['verdict', 'reason', 'seconds_left']);
    expect(row).toEqual({
      verdict: 'accepted',
      reason: 'OSS would accept it: the signature matches GET with no headers; valid for another 10 min',
      seconds_left: '600',
    });
  });

  it('takes the method as a second argument', async () => {
    const r = await open();
    const put = `GET_SIGNED_URL_FROM_OSS('${TABLE}', 'up.csv', 600, 'PUT')`;
    expect((await explainRow(r, put, ['verdict'])).verdict).toBe('refused');
    const results = await r.run(`SELECT OSSDUCK_EXPLAIN_URL(${put}, 'put').verdict`);
    expect(results[0]!.rows[0]![0]).toBe('accepted');
  });

  it("words its advice for SQL: the method argument, and explain-url for what SQL cannot give", async () => {
    const r = await open();
    const put = await explainRow(r, `GET_SIGNED_URL_FROM_OSS('${TABLE}', 'up.csv', 600, 'PUT')`, ['reason']);
    expect(put.reason).toContain("the URL was signed for PUT, not GET: send it with PUT (check it with OSSDUCK_EXPLAIN_URL(url, 'PUT'))");
    expect(put.reason).not.toContain('--method');

    await r.run(`CREATE OBJECT TABLE cdn LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/'
      TBLPROPERTIES ('ossduck.url.endpoint'='static.example.com')`);
    const cname = await explainRow(r, `GET_SIGNED_URL_FROM_OSS('p_explain.default.cdn', 'a.txt')`, ['verdict', 'reason']);
    expect(cname).toEqual({
      verdict: 'unverified',
      reason:
        'no problem found, but static.example.com is a custom domain: the URL does not say which bucket it signs, so the signature cannot be checked; ' +
        'SQL has no bucket argument: check it with ossduck explain-url --bucket <bucket>',
    });

    const headed = await explainRow(
      r,
      `OSSDUCK_PRESIGN('${TABLE}', 'up.csv', MAP {'method': 'PUT', 'Cache-Control': 'no-cache'}).url, 'PUT'`,
      ['verdict', 'reason'],
    );
    expect(headed.verdict).toBe('refused');
    expect(headed.reason).toContain(
      "x-oss-additional-headers names cache-control, which the request does not send " +
        "(OSSDUCK_EXPLAIN_URL judges a request without headers: check it with ossduck explain-url --header 'NAME: VALUE')",
    );
    expect(headed.reason).not.toMatch(/\(--header\)/);
  });

  it('gives NULL for a NULL url, row by row', async () => {
    const r = await open();
    const results = await r.run(
      `SELECT OSSDUCK_EXPLAIN_URL(u).verdict FROM (VALUES (NULL), (GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k'))) v(u) ORDER BY 1 NULLS FIRST`,
    );
    expect(results[0]!.rows).toEqual([[null], ['accepted']]);
    expect((await r.run('SELECT OSSDUCK_EXPLAIN_URL(NULL) IS NULL'))[0]!.rows[0]![0]).toBe(true);
  });

  it('is unverified without credentials, and says why', async () => {
    const none: CredentialSource = {
      description: 'nothing',
      resolve: () => Promise.reject(OssError.credentials('no OSS credentials found: set OSS_ACCESS_KEY_ID')),
    };
    const r = await open(none);
    const url =
      'https://examplebucket.oss-cn-hangzhou.aliyuncs.com/dir/k?x-oss-credential=LTAIx%2F20261123%2Fcn-hangzhou%2Foss%2Faliyun_v4_request' +
      '&x-oss-date=20261123T115900Z&x-oss-expires=3600&x-oss-signature=' + 'a'.repeat(64) + '&x-oss-signature-version=OSS4-HMAC-SHA256';
    const row = await explainRow(r, `'${url}'`, ['verdict', 'reason', 'oss_error']);
    expect(row).toEqual({
      verdict: 'unverified',
      reason: 'no problem found, but the signature is not checked: no OSS credentials found: set OSS_ACCESS_KEY_ID',
      oss_error: null,
    });
  });

  it("in the embedded default, another key's URL is unverified without starting the local OSS; the local OSS's own URLs are checked", async () => {
    const started = vi.fn();
    const oss = new EmbeddedOss({ onStart: started });
    runtime = await Session.open({ credentials: oss, routing: () => oss.routing, closeWith: oss, clock: () => NOW });
    const r = runtime;
    await r.run(SETUP);
    const foreign = await explainRow(r, `'${FOREIGN_URL}'`, ['verdict', 'reason', 'oss_status', 'oss_error']);
    expect(foreign).toEqual({
      verdict: 'unverified',
      reason:
        "no problem found, but the signature is not checked: no credentials for AccessKeyId LTAIx are available (the session's only account is the embedded local OSS's own): " +
        "set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET to that key's pair to check the signature",
      oss_status: null,
      oss_error: null,
    });
    const checks = await r.run(`SELECT c.name, c.status FROM (SELECT UNNEST(OSSDUCK_EXPLAIN_URL('${FOREIGN_URL}').checks) AS c) WHERE c.name IN ('access-key', 'signature')`);
    expect(checks[0]!.rows).toEqual([
      ['access-key', 'skipped'],
      ['signature', 'skipped'],
    ]);
    expect(started).not.toHaveBeenCalled();

    // A URL the session signs with the local OSS's account is verified, in the same statement or a later one.
    expect((await explainRow(r, `GET_SIGNED_URL_FROM_OSS('${TABLE}', 'a.txt')`, ['verdict'])).verdict).toBe('accepted');
    expect(started).toHaveBeenCalledTimes(1);
    const [signed] = await r.run(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'a.txt', 600)`);
    const url = String(signed!.rows[0]![0]);
    expect((await explainRow(r, `'${url}'`, ['verdict'])).verdict).toBe('accepted');
    expect(await explainRow(r, `'${url.replace('/dir/a.txt', '/dir/b.txt')}'`, ['verdict', 'oss_error'])).toEqual({ verdict: 'refused', oss_error: 'SignatureDoesNotMatch' });
    expect((await explainRow(r, `'${FOREIGN_URL}'`, ['verdict'])).verdict).toBe('unverified');
  });

  it('fails the statement for text that is no presigned URL, naming the function and the argument', async () => {
    const r = await open();
    let caught: unknown;
    try {
      await r.run(`SELECT 1;\nSELECT OSSDUCK_EXPLAIN_URL('https://example.com/a.txt')`);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OssduckError);
    const error = caught as OssduckError;
    expect(error.code).toBe('ODPS-0121095');
    expect(error.detail).toMatch(/^OSSDUCK_EXPLAIN_URL: url \(argument 1\): the URL is not presigned/);
    expect(error.position).toEqual({ line: 2, column: 8 });
  });

  it('refuses a third argument', async () => {
    const r = await open();
    await expect(r.run(`SELECT OSSDUCK_EXPLAIN_URL('a', 'GET', 'x')`)).rejects.toThrow(/function OSSDUCK_EXPLAIN_URL needs 1 or 2 parameters, actually have 3/);
  });
});
