import OSS from 'ali-oss';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { parseQuery } from '../../src/oss/signing/QueryParam.js';
import { OssduckError } from '../../src/OssduckError.js';
import { Session } from '../../src/session/Session.js';
import { failureOf, firstValue } from '../support/sessionProbe.js';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const SECRET = 'TablePropsSecret-2718';

let runtime: Session;

const one = (sql: string): Promise<unknown> => firstValue(runtime, sql);

const failure = (sql: string): Promise<OssduckError> => failureOf(runtime, sql);

function sameAs(ours: unknown, theirs: string): void {
  const a = new URL(String(ours));
  const b = new URL(theirs);
  expect(a.origin).toBe(b.origin);
  expect(decodeURIComponent(a.pathname)).toBe(decodeURIComponent(b.pathname));
  expect(Object.fromEntries(parseQuery(a.search.slice(1)))).toEqual(Object.fromEntries(parseQuery(b.search.slice(1))));
}

function aliOss(options: Partial<OSS.Options>): OSS {
  return new OSS({ region: 'oss-cn-hangzhou', accessKeyId: 'LTAIprops', accessKeySecret: SECRET, bucket: 'examplebucket', authorizationV4: true, ...options } as OSS.Options);
}

describe('object-table URL properties (TBLPROPERTIES)', () => {
  beforeEach(async () => {
    runtime = await Session.open({
      credentials: new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAIprops', accessKeySecret: SECRET })),
      clock: () => NOW,
      routing: {},
      settings: { 'ossduck.signing_time': '2026-11-23T12:00:00Z' },
    });
    await runtime.run('USE p_props');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await runtime.close();
  });

  it('refuses a bad value at CREATE OBJECT TABLE, naming the key and what is allowed, and creates nothing', async () => {
    const error = await failure(`CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/d/'
      TBLPROPERTIES ('ossduck.allowed_methods'='GET,POST')`);
    expect(error.format()).toBe(
      "FAILED: ODPS-0130071:[1,21] Semantic analysis exception - TBLPROPERTIES 'ossduck.allowed_methods'='GET,POST' is not allowed; allowed: a comma-separated list of GET, PUT, HEAD",
    );
    expect(await runtime.catalog.objectTable('p_props', 'default', 't')).toBeUndefined();
    expect((await failure(`CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/d/' TBLPROPERTIES ('ossduck.url.endpoint'='https://cdn.example.com')`)).detail).toContain(
      'give a host name without scheme or path',
    );
  });

  it('limits the TTL to max_ttl, which also becomes the default when shorter than an hour', async () => {
    await runtime.run(`CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/d/' TBLPROPERTIES ('ossduck.max_ttl'='600')`);
    expect(new URL(String(await one(`SELECT GET_SIGNED_URL_FROM_OSS('p_props.default.t', 'k')`))).searchParams.get('x-oss-expires')).toBe('600');
    expect(new URL(String(await one(`SELECT GET_SIGNED_URL_FROM_OSS('p_props.default.t', 'k', 600, 'PUT')`))).searchParams.get('x-oss-expires')).toBe('600');
    const error = await failure(`SELECT GET_SIGNED_URL_FROM_OSS('p_props.default.t', 'k', 601)`);
    expect(error.code).toBe('ODPS-0121065');
    expect(error.detail).toBe(
      "GET_SIGNED_URL_FROM_OSS: table p_props.default.t allows URLs of at most 600 seconds (TBLPROPERTIES 'ossduck.max_ttl'='600'); timeToLiveSeconds 601 asks for 601 seconds",
    );
    expect((await failure(`SELECT GET_SIGNED_URL_FROM_OSS('p_props.default.t', 'k', DATETIME '2026-11-23 21:00:00')`)).detail).toContain(
      'expiration 2026-11-23 21:00:00 (Asia/Shanghai) asks for 3600 seconds',
    );
  });

  it('refuses a method the table does not allow', async () => {
    await runtime.run(`CREATE OBJECT TABLE ro LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/d/' TBLPROPERTIES ('ossduck.allowed_methods'='GET')`);
    expect(String(await one(`SELECT GET_SIGNED_URL_FROM_OSS('p_props.default.ro', 'k', 60, 'get')`))).toMatch(/^https:/);
    const error = await failure(`SELECT GET_SIGNED_URL_FROM_OSS('p_props.default.ro', 'k', 60, 'put')`);
    expect(error.format()).toBe(
      "FAILED: ODPS-0121095:[1,8] Invalid arguments - GET_SIGNED_URL_FROM_OSS: table p_props.default.ro allows GET URLs only (TBLPROPERTIES 'ossduck.allowed_methods'='GET'); httpMethod PUT is refused",
    );
  });

  it('writes URLs with the table scheme and endpoint, as ali-oss writes them for that endpoint', async () => {
    await runtime.run(`
      CREATE OBJECT TABLE pub LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/examplebucket/d/'
        TBLPROPERTIES ('ossduck.url.scheme'='http', 'ossduck.url.endpoint'='public');
      CREATE OBJECT TABLE fast LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/d/' TBLPROPERTIES ('ossduck.url.endpoint'='accelerate');
      CREATE OBJECT TABLE cdn LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/d/' TBLPROPERTIES ('ossduck.url.endpoint'='static.example.com');
      CREATE OBJECT TABLE vpc LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/d/' TBLPROPERTIES ('ossduck.url.endpoint'='internal')`);
    sameAs(await one(`SELECT GET_SIGNED_URL_FROM_OSS('p_props.default.pub', 'a b.txt', 60)`), await aliOss({ secure: false }).signatureUrlV4('GET', 60, undefined, 'd/a b.txt'));
    sameAs(
      await one(`SELECT GET_SIGNED_URL_FROM_OSS('p_props.default.fast', 'a.txt', 60)`),
      await aliOss({ endpoint: 'https://oss-accelerate.aliyuncs.com' }).signatureUrlV4('GET', 60, undefined, 'd/a.txt'),
    );
    sameAs(
      await one(`SELECT GET_SIGNED_URL_FROM_OSS('p_props.default.cdn', 'a.txt', 60, 'PUT')`),
      await aliOss({ endpoint: 'https://static.example.com', cname: true }).signatureUrlV4('PUT', 60, undefined, 'd/a.txt'),
    );
    sameAs(await one(`SELECT GET_SIGNED_URL_FROM_OSS('p_props.default.vpc', 'a.txt', 60)`), await aliOss({ secure: true, internal: true }).signatureUrlV4('GET', 60, undefined, 'd/a.txt'));
    await runtime.run('SET ossduck.signature_version=v1');
    sameAs(
      await one(`SELECT GET_SIGNED_URL_FROM_OSS('p_props.default.cdn', 'a.txt', 60)`),
      aliOss({ endpoint: 'https://static.example.com', cname: true, authorizationV4: false }).signatureUrl('d/a.txt', { expires: 60 }),
    );
  });

  it('shows the properties in DESC and SHOW CREATE TABLE', async () => {
    await runtime.run(`CREATE OBJECT TABLE shown LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/d/'
      TBLPROPERTIES ('ossduck.url.scheme'='http', 'ossduck.url.endpoint'='public', 'ossduck.max_ttl'='600', 'ossduck.allowed_methods'='GET')`);
    const [desc] = await runtime.run('DESC shown');
    expect(desc!.rows.filter((r) => r[0] === 'table property')).toEqual([
      ['table property', 'ossduck.url.scheme', 'http', null],
      ['table property', 'ossduck.url.endpoint', 'public', null],
      ['table property', 'ossduck.max_ttl', '600', null],
      ['table property', 'ossduck.allowed_methods', 'GET', null],
    ]);
    expect(await one('SHOW CREATE TABLE shown')).toContain(
      "TBLPROPERTIES ('ossduck.url.scheme'='http', 'ossduck.url.endpoint'='public', 'ossduck.max_ttl'='600', 'ossduck.allowed_methods'='GET')",
    );
  });
});
