import OSS from 'ali-oss';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import type { CredentialSource } from '../../src/oss/CredentialSource.js';
import { OssError } from '../../src/oss/OssError.js';
import { parseQuery } from '../../src/oss/signing/QueryParam.js';
import { OssduckError } from '../../src/OssduckError.js';
import { Session } from '../../src/session/Session.js';
import { failureOf, firstValue } from '../support/sessionProbe.js';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0); // 2026-11-23 20:00:00 in Asia/Shanghai
const SECRET = 'UdfTestSecret-31415';
const TABLE = 'p_test.s1.docs';

const SETUP = `
USE p_test;
CREATE SCHEMA s1;
USE SCHEMA s1;
CREATE OBJECT TABLE docs LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/';
`;

let runtime: Session;
let clockCalls = 0;

async function open(source: CredentialSource = new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAIudf', accessKeySecret: SECRET }))) {
  clockCalls = 0;
  runtime = await Session.open({
    credentials: source,
    clock: () => NOW + 1000 * clockCalls++,
  });
  await runtime.run(SETUP);
}

const one = (sql: string): Promise<unknown> => firstValue(runtime, sql);

const failure = (sql: string): Promise<OssduckError> => failureOf(runtime, sql);

function query(url: unknown): Record<string, string | null> {
  return Object.fromEntries(parseQuery(new URL(String(url)).search.slice(1)));
}

function aliOss(options: Partial<OSS.Options> = {}): OSS {
  return new OSS({
    region: 'oss-cn-hangzhou',
    accessKeyId: 'LTAIudf',
    accessKeySecret: SECRET,
    bucket: 'examplebucket',
    secure: true,
    authorizationV4: true,
    ...options,
  } as OSS.Options);
}

function sameAs(ours: unknown, theirs: string): void {
  const a = new URL(String(ours));
  const b = new URL(theirs);
  expect(a.origin).toBe(b.origin);
  expect(decodeURIComponent(a.pathname)).toBe(decodeURIComponent(b.pathname));
  expect(query(a.href)).toEqual(query(b.href));
}

describe('GET_SIGNED_URL_FROM_OSS', () => {
  beforeEach(async () => {
    await open();
  });
  afterEach(async () => {
    await runtime.close();
    vi.useRealTimers();
  });

  it('(table, key) signs a GET for an hour, V4, at the statement instant', async () => {
    const url = await one(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'a b.txt')`);
    expect(String(url).startsWith('https://examplebucket.oss-cn-hangzhou.aliyuncs.com/dir/a%20b.txt?')).toBe(true);
    const q = query(url);
    expect(q['x-oss-expires']).toBe('3600');
    expect(q['x-oss-signature-version']).toBe('OSS4-HMAC-SHA256');
    expect(q['x-oss-credential']).toBe('LTAIudf/20261123/cn-hangzhou/oss/aliyun_v4_request');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.parse(`${q['x-oss-date']!.replace(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/, '$1-$2-$3T$4:$5:$6Z')}`)));
    sameAs(url, await aliOss().signatureUrlV4('GET', 3600, undefined, 'dir/a b.txt'));
  });

  it('(table, key, ttl) and (table, key, ttl, method) match ali-oss, method in any case', async () => {
    await runtime.run('SET ossduck.signing_time=2026-11-23T12:00:00Z');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    for (const [ttl, method] of [[1, 'get'], [604800, 'PUT'], [600, 'Put']] as const) {
      const url = await one(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k/x+y', ${ttl}, '${method}')`);
      sameAs(url, await aliOss().signatureUrlV4(method.toUpperCase() as 'GET' | 'PUT', ttl, undefined, 'dir/k/x+y'));
    }
    const url = await one(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k', 90)`);
    sameAs(url, await aliOss().signatureUrlV4('GET', 90, undefined, 'dir/k'));
  });

  it('reads a DATETIME expiration in Asia/Shanghai by default', async () => {
    await runtime.run('SET ossduck.signing_time=2026-11-23T12:00:00Z');
    const url = await one(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k', DATETIME '2026-11-23 21:00:00')`);
    expect(query(url)['x-oss-expires']).toBe('3600');
  });

  it('reads a DATETIME expiration in UTC after SET odps.sql.timezone=UTC', async () => {
    await runtime.run('SET ossduck.signing_time=2026-11-23T12:00:00Z; SET odps.sql.timezone=UTC');
    const url = await one(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k', TIMESTAMP '2026-11-23 13:00:00', 'PUT')`);
    expect(query(url)['x-oss-expires']).toBe('3600');
  });

  it('takes a TIMESTAMP WITH TIME ZONE as an absolute instant', async () => {
    await runtime.run('SET ossduck.signing_time=2026-11-23T12:00:00Z');
    const url = await one(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k', TIMESTAMPTZ '2026-11-23 12:30:00+00', 'GET')`);
    expect(query(url)['x-oss-expires']).toBe('1800');
  });

  it('accepts (table, key, NULL, expiration, method) and (table, key, ttl, NULL, method)', async () => {
    await runtime.run('SET ossduck.signing_time=2026-11-23T12:00:00Z');
    const a = await one(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k', NULL, DATETIME '2026-11-23 20:10:00', 'PUT')`);
    expect(query(a)['x-oss-expires']).toBe('600');
    const b = await one(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k', 120, NULL, 'put')`);
    expect(query(b)['x-oss-expires']).toBe('120');
    const c = await one(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k', NULL, NULL, 'GET')`);
    expect(query(c)['x-oss-expires']).toBe('3600');
  });

  it('gives NULL for a NULL key or table', async () => {
    const [result] = await runtime.run(
      `SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', k) FROM (VALUES ('a'), (NULL)) v(k) ORDER BY k NULLS LAST`,
    );
    expect(result!.rows[0]![0]).toMatch(/^https:/);
    expect(result!.rows[1]![0]).toBeNull();
    expect(await one(`SELECT GET_SIGNED_URL_FROM_OSS(NULL, 'k')`)).toBeNull();
  });

  it('signs every row and every call of one statement at one instant', async () => {
    const [result] = await runtime.run(
      `SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k' || i::VARCHAR) a, GET_SIGNED_URL_FROM_OSS('${TABLE}', 'x', 60) b FROM range(5000) t(i)`,
    );
    const dates = new Set(result!.rows.flatMap((r) => [query(r[0])['x-oss-date'], query(r[1])['x-oss-date']]));
    expect(dates.size).toBe(1);
    const next = await one(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k')`);
    expect(dates.has(query(next)['x-oss-date']!)).toBe(false);
  });

  it('signs V1 after SET ossduck.signature_version=v1, matching ali-oss signatureUrl', async () => {
    await runtime.run('SET ossduck.signature_version=v1; SET ossduck.signing_time=2026-11-23T12:00:00Z');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const url = await one(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'a&b?c#d', 600, 'PUT')`);
    expect(query(url)['Expires']).toBe(String(NOW / 1000 + 600));
    sameAs(url, aliOss({ authorizationV4: false }).signatureUrl('dir/a&b?c#d', { expires: 600, method: 'PUT' }));
  });

  it('carries the STS token of the credentials', async () => {
    await runtime.close();
    await open(new StaticCredentialSource(new Credentials({ accessKeyId: 'STS.tmp', accessKeySecret: SECRET, securityToken: 'CAIS/tok+en=' })));
    expect(query(await one(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k')`))['x-oss-security-token']).toBe('CAIS/tok+en=');
    await runtime.run('SET ossduck.signature_version=v1');
    expect(query(await one(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k')`))['security-token']).toBe('CAIS/tok+en=');
  });

  it('uses the region of an -internal endpoint and path style for IP endpoints', async () => {
    await runtime.run(`CREATE OBJECT TABLE internal LOCATION 'oss://oss-cn-beijing-internal.aliyuncs.com/bkt/x/';
      CREATE OBJECT TABLE local LOCATION 'oss://127.0.0.1:9000/bkt/' WITH SERDEPROPERTIES ('ossduck.region'='cn-shanghai')`);
    const internal = await one(`SELECT GET_SIGNED_URL_FROM_OSS('p_test.s1.internal', 'k')`);
    expect(String(internal)).toMatch(/^https:\/\/bkt\.oss-cn-beijing-internal\.aliyuncs\.com\/x\/k\?/);
    expect(query(internal)['x-oss-credential']).toContain('/cn-beijing/oss/');
    const local = await one(`SELECT GET_SIGNED_URL_FROM_OSS('p_test.s1.local', 'k')`);
    expect(String(local)).toMatch(/^https:\/\/127\.0\.0\.1:9000\/bkt\/k\?/);
    expect(query(local)['x-oss-credential']).toContain('/cn-shanghai/oss/');
  });

  it.each([
    [`'${TABLE}', 'k', 0`, 'ODPS-0121065', 'timeToLiveSeconds 0 is out of range; allowed 1 to 604800 seconds'],
    [`'${TABLE}', 'k', 604801`, 'ODPS-0121065', 'timeToLiveSeconds 604801 is out of range'],
    [`'${TABLE}', 'k', -5, 'GET'`, 'ODPS-0121065', 'timeToLiveSeconds -5 is out of range'],
    [`'${TABLE}', 'k', 60, DATETIME '2026-11-23 21:00:00', 'GET'`, 'ODPS-0121095', 'are mutually exclusive'],
    [`'${TABLE}', 'k', 60, 'DELETE'`, 'ODPS-0121095', "httpMethod 'DELETE' is not allowed; allowed: GET (download) or PUT (upload)"],
    [`'${TABLE}', 'k', DATETIME '2026-11-23 19:00:00'`, 'ODPS-0121065', 'expiration 2026-11-23 19:00:00 (Asia/Shanghai) lies 3600 s before or at the signing instant'],
    [`'${TABLE}', 'k', DATETIME '2026-12-01 20:00:01'`, 'ODPS-0121065', 'lies 691201 s after the signing instant'],
    [`'${TABLE}', 'k', DATETIME '2026-11-23 20:00:00'`, 'ODPS-0121065', 'must lie 1 to 604800 seconds'],
    [`'p_test.s1.nope', 'k'`, 'ODPS-0130131', 'table p_test.s1.nope cannot be resolved'],
    [`'docs', 'k'`, 'ODPS-0121095', "full_object_table_name 'docs' must be the full name of an object table, project.schema.table"],
    [`'${TABLE}', 'k', '600'`, 'ODPS-0130121', 'argument 3 must be timeToLiveSeconds (INT) or expiration (DATETIME), got VARCHAR'],
    [`'${TABLE}', 'k', 60.5`, 'ODPS-0130121', 'got DECIMAL(3,1)'],
    [`'${TABLE}'`, 'ODPS-0130221', 'function GET_SIGNED_URL_FROM_OSS needs 2 to 5 parameters, actually have 1'],
    [`'${TABLE}', 42`, 'ODPS-0130121', 'key (argument 2) must be STRING (VARCHAR), got INTEGER'],
    [`'${TABLE}', 'k', 'x', NULL, 'GET'`, 'ODPS-0130121', 'timeToLiveSeconds (argument 3) must be INT, got VARCHAR'],
  ])('refuses (%s) with %s', async (args, code, message) => {
    await runtime.run('SET ossduck.signing_time=2026-11-23T12:00:00Z');
    const error = await failure(`SELECT GET_SIGNED_URL_FROM_OSS(${args}) AS url`);
    expect(error.code).toBe(code);
    expect(error.detail).toContain(message);
    expect(error.detail).toContain('GET_SIGNED_URL_FROM_OSS');
    expect(error.position).toEqual({ line: 1, column: 8 });
    expect(error.message).not.toContain(SECRET);
  });

  it('fails the whole statement for one bad row among 1,000 good ones', async () => {
    const error = await failure(
      `SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k' || i::VARCHAR, CASE WHEN i = 777 THEN 0 ELSE 60 END) FROM range(1000) t(i)`,
    );
    expect(error.detail).toContain('timeToLiveSeconds 0 is out of range');
  });

  it('refuses an object name OSS would refuse', async () => {
    await runtime.run(`CREATE OBJECT TABLE root LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket'`);
    expect((await failure(`SELECT GET_SIGNED_URL_FROM_OSS('p_test.s1.root', '/lead')`)).detail).toContain('starts with a slash');
    expect((await failure(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', repeat('x', 1020))`)).detail).toContain('1024 bytes long');
  });

  it('names the variables to set when there are no credentials, and only when it signs', async () => {
    await runtime.close();
    await open({ description: 'none', resolve: () => Promise.reject(OssError.credentials('no OSS credentials found: set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET')) });
    expect(await runtime.run(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', key) FROM ${TABLE}`)).toHaveLength(1);
    const error = await failure(`SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', 'k')`);
    expect(error.code).toBe('ODPS-0130013');
    expect(error.detail).toContain('OSS_ACCESS_KEY_ID');
  });

  it('keeps a RoleARN table and signs it only with STS credentials, failing clearly when STS cannot be reached', async () => {
    await runtime.close();
    runtime = await Session.open({
      credentials: new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAIudf', accessKeySecret: SECRET })),
      routing: { sts: { scheme: 'http', host: '127.0.0.1:1' } },
    });
    await runtime.run(SETUP);
    await runtime.run(`CREATE OBJECT TABLE roled LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/examplebucket/r/'
      WITH SERDEPROPERTIES ('odps.properties.rolearn'='acs:ram::1234567890:role/aliyunodpsdefaultrole')`);
    expect((await runtime.catalog.objectTable('p_test', 's1', 'roled'))?.roleArn).toBe('acs:ram::1234567890:role/aliyunodpsdefaultrole');
    const error = await failure(`SELECT GET_SIGNED_URL_FROM_OSS('p_test.s1.roled', 'k')`);
    expect(error.code).toBe('ODPS-0130013');
    expect(error.detail).toContain('STS AssumeRole of acs:ram::1234567890:role/aliyunodpsdefaultrole failed');
    expect(error.message).not.toContain(SECRET);
  });

  it('refuses a TTL that no STS token can cover on a RoleARN table', async () => {
    await runtime.run(`CREATE OBJECT TABLE roled LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/examplebucket/r/'
      WITH SERDEPROPERTIES ('odps.properties.rolearn'='acs:ram::1234567890:role/aliyunodpsdefaultrole')`);
    const error = await failure(`SELECT GET_SIGNED_URL_FROM_OSS('p_test.s1.roled', 'k', 86400)`);
    expect(error.detail).toContain('an STS token lasts at most 43200 s');
  });
});
