import OSS from 'ali-oss';
import type { DuckDBMapValue, DuckDBStructValue, DuckDBTimestampTZValue } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { parseQuery } from '../../src/oss/signing/QueryParam.js';
import { OssduckError } from '../../src/OssduckError.js';
import { Session } from '../../src/session/Session.js';
import { failureOf } from '../support/sessionProbe.js';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0); // 2026-11-23 20:00:00 in Asia/Shanghai
const ID = 'LTAI5tPresignKey';
const SECRET = 'PresignSecret-1414';
const TOKEN = 'CAIS+presign/token==';
const TABLE = 'p_presign.default.docs';
const MD5 = '1B2M2Y8AsgTpgAmY7PhCfg==';

interface Presigned {
  url: string;
  method: string;
  expiresAt: Date;
  signedHeaders: Record<string, string>;
}

let runtime: Session;

async function open(token?: string): Promise<void> {
  runtime = await Session.open({
    credentials: new StaticCredentialSource(new Credentials({ accessKeyId: ID, accessKeySecret: SECRET, securityToken: token })),
    clock: () => NOW,
    routing: {},
    settings: { 'ossduck.signing_time': '2026-11-23T12:00:00Z' },
  });
  await runtime.run(`USE p_presign; CREATE OBJECT TABLE docs LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/'`);
}

/** A MaxCompute MAP literal of string options. */
function mapOf(options: Record<string, string>): string {
  const quote = (s: string): string => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  return `MAP {${Object.entries(options).map(([k, v]) => `${quote(k)}: ${quote(v)}`).join(', ')}}`;
}

function presigned(value: unknown): Presigned {
  const entries = (value as DuckDBStructValue).entries;
  const headers = (entries['signed_headers'] as DuckDBMapValue).entries;
  return {
    url: entries['url'] as string,
    method: entries['method'] as string,
    expiresAt: new Date(Number((entries['expires_at'] as DuckDBTimestampTZValue).micros / 1000n)),
    signedHeaders: Object.fromEntries(headers.map(({ key, value: v }) => [String(key), String(v)])),
  };
}

async function presign(key: string, options?: Record<string, string>, table = TABLE): Promise<Presigned> {
  const args = options === undefined ? '' : `, ${mapOf(options)}`;
  const results = await runtime.run(`SELECT OSSDUCK_PRESIGN('${table}', '${key}'${args})`);
  return presigned(results[results.length - 1]!.rows[0]![0]);
}

const failure = (sql: string): Promise<OssduckError> => failureOf(runtime, sql);

function sameAs(ours: string, theirs: string): void {
  const a = new URL(ours);
  const b = new URL(theirs);
  expect(a.origin).toBe(b.origin);
  expect(decodeURIComponent(a.pathname)).toBe(decodeURIComponent(b.pathname));
  const sorted = (url: URL) => [...parseQuery(url.search.slice(1))].sort((x, y) => (x[0] < y[0] ? -1 : 1));
  expect(sorted(a)).toEqual(sorted(b));
}

function client(options: Partial<OSS.Options> = {}): OSS {
  return new OSS({
    region: 'oss-cn-hangzhou',
    accessKeyId: ID,
    accessKeySecret: SECRET,
    bucket: 'examplebucket',
    secure: true,
    authorizationV4: true,
    ...options,
  } as OSS.Options);
}

/** ali-oss signs HEAD URLs, though @types/ali-oss leaves HEAD out of its methods. */
const HEAD = 'HEAD' as OSS.HTTPMethods;

type V4Call = (c: OSS) => Promise<string>;
type V1Call = (c: OSS) => string;

/** One option (or a few that belong together), the same URL from ali-oss in V4 and, where V1 can sign it, V1. */
const CASES: [string, Record<string, string>, V4Call, V1Call | undefined][] = [
  ['ttl', { ttl: '600' }, (c) => c.signatureUrlV4('GET', 600, undefined, 'dir/a.txt'), (c) => c.signatureUrl('dir/a.txt', { expires: 600 })],
  [
    'expiration (ISO-8601 instant)',
    { expiration: '2026-11-23T12:15:00Z' },
    (c) => c.signatureUrlV4('GET', 900, undefined, 'dir/a.txt'),
    (c) => c.signatureUrl('dir/a.txt', { expires: 900 }),
  ],
  ['expiration (wall time in odps.sql.timezone)', { expiration: '2026-11-23 20:05:00' }, (c) => c.signatureUrlV4('GET', 300, undefined, 'dir/a.txt'), (c) => c.signatureUrl('dir/a.txt', { expires: 300 })],
  ['method PUT', { method: 'put' }, (c) => c.signatureUrlV4('PUT', 3600, undefined, 'dir/a.txt'), (c) => c.signatureUrl('dir/a.txt', { expires: 3600, method: 'PUT' })],
  ['method HEAD', { method: 'HEAD' }, (c) => c.signatureUrlV4(HEAD, 3600, undefined, 'dir/a.txt'), (c) => c.signatureUrl('dir/a.txt', { expires: 3600, method: HEAD })],
  [
    'versionId',
    { versionId: 'CAEQNhiBgMDJgZCA0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFkODgzZjM5' },
    (c) => c.signatureUrlV4('GET', 3600, { queries: { versionId: 'CAEQNhiBgMDJgZCA0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFkODgzZjM5' } }, 'dir/a.txt'),
    (c) => c.signatureUrl('dir/a.txt', { expires: 3600, subResource: { versionId: 'CAEQNhiBgMDJgZCA0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFkODgzZjM5' } } as OSS.SignatureUrlOptions),
  ],
  [
    'versionId on HEAD',
    { method: 'HEAD', versionId: 'null' },
    (c) => c.signatureUrlV4(HEAD, 3600, { queries: { versionId: 'null' } }, 'dir/a.txt'),
    (c) => c.signatureUrl('dir/a.txt', { expires: 3600, method: HEAD, subResource: { versionId: 'null' } } as unknown as OSS.SignatureUrlOptions),
  ],
  ...(['content-type', 'content-disposition', 'content-language', 'cache-control', 'expires', 'content-encoding'] as const).map(
    (h): [string, Record<string, string>, V4Call, V1Call] => {
      const value = h === 'content-disposition' ? 'attachment; filename="a b.txt"' : h === 'expires' ? 'Thu, 01 Dec 2026 00:00:00 GMT' : `${h} value/é`;
      return [
        `response-${h}`,
        { [`response-${h}`]: value },
        (c) => c.signatureUrlV4('GET', 3600, { queries: { [`response-${h}`]: value } }, 'dir/a.txt'),
        (c) => c.signatureUrl('dir/a.txt', { expires: 3600, response: { [h]: value } } as OSS.SignatureUrlOptions),
      ];
    },
  ),
  [
    'x-oss-process',
    { 'x-oss-process': 'image/resize,w_100/quality,q_80' },
    (c) => c.signatureUrlV4('GET', 3600, { queries: { 'x-oss-process': 'image/resize,w_100/quality,q_80' } }, 'dir/a.jpg'),
    (c) => c.signatureUrl('dir/a.jpg', { expires: 3600, process: 'image/resize,w_100/quality,q_80' }),
  ],
  [
    'x-oss-traffic-limit',
    { 'x-oss-traffic-limit': '819200' },
    (c) => c.signatureUrlV4('GET', 3600, { queries: { 'x-oss-traffic-limit': '819200' } }, 'dir/a.txt'),
    (c) => c.signatureUrl('dir/a.txt', { expires: 3600, trafficLimit: 819200 } as OSS.SignatureUrlOptions),
  ],
  [
    'x-oss-traffic-limit on PUT',
    { method: 'PUT', 'x-oss-traffic-limit': '838860800' },
    (c) => c.signatureUrlV4('PUT', 3600, { queries: { 'x-oss-traffic-limit': '838860800' } }, 'dir/a.txt'),
    (c) => c.signatureUrl('dir/a.txt', { expires: 3600, method: 'PUT', trafficLimit: 838860800 } as OSS.SignatureUrlOptions),
  ],
  [
    'x-oss-request-payer',
    { 'x-oss-request-payer': 'Requester' },
    (c) => c.signatureUrlV4('GET', 3600, { queries: { 'x-oss-request-payer': 'requester' } }, 'dir/a.txt'),
    (c) => c.signatureUrl('dir/a.txt', { expires: 3600, subResource: { 'x-oss-request-payer': 'requester' } } as OSS.SignatureUrlOptions),
  ],
  [
    'Content-Type',
    { method: 'PUT', 'content-type': 'text/plain' },
    (c) => c.signatureUrlV4('PUT', 3600, { headers: { 'Content-Type': 'text/plain' } }, 'dir/a.txt'),
    (c) => c.signatureUrl('dir/a.txt', { expires: 3600, method: 'PUT', 'Content-Type': 'text/plain' } as OSS.SignatureUrlOptions),
  ],
  [
    'Content-MD5',
    { method: 'PUT', 'Content-MD5': MD5 },
    (c) => c.signatureUrlV4('PUT', 3600, { headers: { 'Content-MD5': MD5 } }, 'dir/a.txt'),
    (c) => c.signatureUrl('dir/a.txt', { expires: 3600, method: 'PUT', 'Content-MD5': MD5 } as OSS.SignatureUrlOptions),
  ],
  [
    'x-oss-meta-*, x-oss-storage-class, x-oss-object-acl, x-oss-forbid-overwrite',
    { method: 'PUT', 'X-OSS-Meta-Owner': 'ossduck', 'x-oss-storage-class': 'ia', 'x-oss-object-acl': 'private', 'x-oss-forbid-overwrite': 'true' },
    (c) =>
      c.signatureUrlV4(
        'PUT',
        3600,
        { headers: { 'x-oss-meta-owner': 'ossduck', 'x-oss-storage-class': 'IA', 'x-oss-object-acl': 'private', 'x-oss-forbid-overwrite': 'true' } },
        'dir/a.txt',
      ),
    (c) =>
      c.signatureUrl('dir/a.txt', {
        expires: 3600,
        method: 'PUT',
        'x-oss-meta-owner': 'ossduck',
        'x-oss-storage-class': 'IA',
        'x-oss-object-acl': 'private',
        'x-oss-forbid-overwrite': 'true',
      } as OSS.SignatureUrlOptions),
  ],
  ...(['Cache-Control', 'Content-Disposition', 'Content-Encoding', 'Content-Language', 'Expires'] as const).map(
    (h): [string, Record<string, string>, V4Call, undefined] => [
      `${h} (a V4 additional header)`,
      { method: 'PUT', [h]: 'some value', 'Content-Type': 'text/csv' },
      (c) => c.signatureUrlV4('PUT', 3600, { headers: { [h]: 'some value', 'Content-Type': 'text/csv' } }, 'dir/a.txt', [h]),
      undefined,
    ],
  ),
  ['scheme http', { scheme: 'HTTP' }, (c) => client({ secure: false }).signatureUrlV4('GET', 3600, undefined, 'dir/a.txt'), () => client({ secure: false, authorizationV4: false }).signatureUrl('dir/a.txt', { expires: 3600 })],
  ['endpoint internal', { endpoint: 'internal' }, () => client({ internal: true }).signatureUrlV4('GET', 3600, undefined, 'dir/a.txt'), () => client({ internal: true, authorizationV4: false }).signatureUrl('dir/a.txt', { expires: 3600 })],
  ['endpoint public', { endpoint: 'public' }, (c) => c.signatureUrlV4('GET', 3600, undefined, 'dir/a.txt'), (c) => c.signatureUrl('dir/a.txt', { expires: 3600 })],
  [
    'endpoint accelerate',
    { endpoint: 'accelerate' },
    () => client({ endpoint: 'https://oss-accelerate.aliyuncs.com' }).signatureUrlV4('GET', 3600, undefined, 'dir/a.txt'),
    () => client({ endpoint: 'https://oss-accelerate.aliyuncs.com', authorizationV4: false }).signatureUrl('dir/a.txt', { expires: 3600 }),
  ],
  [
    'a custom domain, signed as CNAME, over http',
    { endpoint: 'static.example.com', scheme: 'http' },
    () => client({ endpoint: 'http://static.example.com', cname: true }).signatureUrlV4('GET', 3600, undefined, 'dir/a.txt'),
    () => client({ endpoint: 'http://static.example.com', cname: true, authorizationV4: false }).signatureUrl('dir/a.txt', { expires: 3600 }),
  ],
];

describe('OSSDUCK_PRESIGN', () => {
  beforeEach(async () => {
    await open();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await runtime.close();
  });

  it('(table, key) returns a one-hour V4 GET URL, its method, expiry and no headers to send', async () => {
    const got = await presign('a b.txt');
    expect(got.method).toBe('GET');
    expect(got.expiresAt.toISOString()).toBe('2026-11-23T13:00:00.000Z');
    expect(got.signedHeaders).toEqual({});
    sameAs(got.url, await client().signatureUrlV4('GET', 3600, undefined, 'dir/a b.txt'));
  });

  it.each(CASES)('%s: the URL is the one ali-oss signs, V4 and V1', async (_label, options, v4, v1) => {
    const key = options['x-oss-process'] ? 'a.jpg' : 'a.txt';
    sameAs((await presign(key, options)).url, await v4(client()));
    if (v1 === undefined) return;
    await runtime.run('SET ossduck.signature_version=v1');
    sameAs((await presign(key, options)).url, v1(client({ authorizationV4: false })));
  });

  it('lists exactly the headers the client must send, in their canonical spelling', async () => {
    const got = await presign('a.txt', { method: 'put', 'content-type': 'text/plain', 'cache-control': 'no-cache', 'X-Oss-Meta-Owner': 'me', ttl: '60' });
    expect(got.method).toBe('PUT');
    expect(got.signedHeaders).toEqual({ 'Cache-Control': 'no-cache', 'Content-Type': 'text/plain', 'x-oss-meta-owner': 'me' });
    expect(new URL(got.url).searchParams.get('x-oss-additional-headers')).toBe('cache-control');
    expect(got.expiresAt.toISOString()).toBe('2026-11-23T12:01:00.000Z');
  });

  it('carries the STS token of the credentials, V4 and V1', async () => {
    await runtime.close();
    await open(TOKEN);
    sameAs((await presign('a.txt', { ttl: '60' })).url, await client({ stsToken: TOKEN, refreshSTSTokenInterval: 3_600_000 } as Partial<OSS.Options>).signatureUrlV4('GET', 60, undefined, 'dir/a.txt'));
    await runtime.run('SET ossduck.signature_version=v1');
    sameAs(
      (await presign('a.txt', { ttl: '60' })).url,
      client({ stsToken: TOKEN, refreshSTSTokenInterval: 3_600_000, authorizationV4: false } as Partial<OSS.Options>).signatureUrl('dir/a.txt', { expires: 60 }),
    );
  });

  it('takes NULL options, an empty map, NULL values and integer values', async () => {
    const [result] = await runtime.run(`SELECT OSSDUCK_PRESIGN('${TABLE}', 'k', NULL).method, OSSDUCK_PRESIGN('${TABLE}', 'k', map()).method,
      OSSDUCK_PRESIGN('${TABLE}', 'k', MAP {'ttl': NULL}).method, OSSDUCK_PRESIGN('${TABLE}', 'k', MAP {'method': 'PUT', 'ttl': NULL}).method,
      OSSDUCK_PRESIGN('${TABLE}', 'k', MAP {'ttl': 90}).url`);
    expect(result!.rows[0]!.slice(0, 4)).toEqual(['GET', 'GET', 'GET', 'PUT']);
    expect(new URL(String(result!.rows[0]![4])).searchParams.get('x-oss-expires')).toBe('90');
  });

  it('gives NULL for a NULL table or key, and signs every row of a statement at one instant with its own options', async () => {
    const [result] = await runtime.run(`SELECT OSSDUCK_PRESIGN(t, k, MAP {'ttl': ttl}).url FROM (VALUES
      ('${TABLE}', 'a', '60'), (NULL, 'b', '60'), ('${TABLE}', NULL, '60'), ('${TABLE}', 'c', '120'), ('${TABLE}', 'd', NULL)) v(t, k, ttl)`);
    const urls = result!.rows.map((r) => r[0]);
    expect(urls[1]).toBeNull();
    expect(urls[2]).toBeNull();
    const expires = [urls[0], urls[3], urls[4]].map((u) => new URL(String(u)).searchParams.get('x-oss-expires'));
    expect(expires).toEqual(['60', '120', '3600']);
    expect(new Set([urls[0], urls[3], urls[4]].map((u) => new URL(String(u)).searchParams.get('x-oss-date'))).size).toBe(1);
  });

  it('follows the table: defaults for scheme and endpoint (an option overrides them), max_ttl and allowed_methods', async () => {
    await runtime.run(`CREATE OBJECT TABLE ro LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/'
      TBLPROPERTIES ('ossduck.url.scheme'='http', 'ossduck.url.endpoint'='internal', 'ossduck.max_ttl'='600', 'ossduck.allowed_methods'='GET,HEAD')`);
    const table = 'p_presign.default.ro';
    const byDefault = await presign('a.txt', undefined, table);
    expect(byDefault.url.startsWith('http://examplebucket.oss-cn-hangzhou-internal.aliyuncs.com/dir/a.txt?')).toBe(true);
    expect(byDefault.expiresAt.toISOString()).toBe('2026-11-23T12:10:00.000Z');
    const overridden = await presign('a.txt', { scheme: 'https', endpoint: 'public', method: 'HEAD' }, table);
    expect(overridden.url.startsWith('https://examplebucket.oss-cn-hangzhou.aliyuncs.com/dir/a.txt?')).toBe(true);
    expect((await failure(`SELECT OSSDUCK_PRESIGN('${table}', 'k', MAP {'method': 'PUT'})`)).detail).toBe(
      "OSSDUCK_PRESIGN: table p_presign.default.ro allows GET, HEAD URLs only (TBLPROPERTIES 'ossduck.allowed_methods'='GET,HEAD'); method PUT is refused",
    );
    expect((await failure(`SELECT OSSDUCK_PRESIGN('${table}', 'k', MAP {'ttl': '601'})`)).detail).toBe(
      "OSSDUCK_PRESIGN: table p_presign.default.ro allows URLs of at most 600 seconds (TBLPROPERTIES 'ossduck.max_ttl'='600'); option ttl 601 asks for 601 seconds",
    );
  });

  it.each([
    [`MAP {'bogus': 'x'}`, 'ODPS-0121095', "unknown option 'bogus'; allowed options: ttl, expiration, method, scheme, endpoint, versionId, response-content-type"],
    [`MAP {'x-oss-meta-': 'x'}`, 'ODPS-0121095', "unknown option 'x-oss-meta-'"],
    [`MAP {'ttl': '0'}`, 'ODPS-0121065', 'option ttl 0 is out of range; allowed 1 to 604800 seconds (7 days)'],
    [`MAP {'ttl': '604801'}`, 'ODPS-0121065', 'option ttl 604801 is out of range'],
    [`MAP {'ttl': '1h'}`, 'ODPS-0121095', "option ttl '1h' is not allowed; allowed: a whole number of seconds from 1 to 604800"],
    [`MAP {'ttl': '60', 'expiration': '2026-11-23T13:00:00Z'}`, 'ODPS-0121095', 'option ttl (60) and option expiration (2026-11-23 21:00:00 (Asia/Shanghai)) are mutually exclusive: give only one of them'],
    [`MAP {'ttl': '60', 'TTL': '70'}`, 'ODPS-0121095', "option ttl is given twice (as 'ttl' and 'TTL')"],
    [`MAP {'expiration': 'tomorrow'}`, 'ODPS-0121095', "option expiration 'tomorrow' is not an instant; allowed: an ISO-8601 instant such as 2026-11-23T21:00:00+08:00, or a wall time such as 2026-11-23 21:00:00 read in odps.sql.timezone (Asia/Shanghai)"],
    [`MAP {'expiration': '2026-11-23 19:00:00'}`, 'ODPS-0121065', 'option expiration 2026-11-23 19:00:00 (Asia/Shanghai) lies 3600 s before or at the signing instant'],
    [`MAP {'method': 'DELETE'}`, 'ODPS-0121095', "option method 'DELETE' is not allowed; allowed: GET, PUT, HEAD"],
    [`MAP {'scheme': 'ftp'}`, 'ODPS-0121095', "option scheme 'ftp' is not allowed; allowed: https or http"],
    [`MAP {'endpoint': 'oss-cn-beijing.aliyuncs.com'}`, 'ODPS-0121095', 'is an OSS endpoint, not a custom domain'],
    [`MAP {'method': 'PUT', 'versionId': 'v1'}`, 'ODPS-0121095', 'option versionId applies to GET and HEAD URLs only, and method is PUT'],
    [`MAP {'method': 'HEAD', 'response-content-type': 'text/plain'}`, 'ODPS-0121095', 'option response-content-type applies to GET URLs only, and method is HEAD'],
    [`MAP {'Content-Type': 'text/plain'}`, 'ODPS-0121095', 'option Content-Type applies to PUT URLs only, and method is GET'],
    [`MAP {'method': 'PUT', 'Content-Type': 'plain'}`, 'ODPS-0121095', "option Content-Type 'plain' is not allowed; allowed: a media type such as text/plain"],
    [`MAP {'method': 'PUT', 'Content-MD5': 'abc'}`, 'ODPS-0121095', "option Content-MD5 'abc' is not allowed; allowed: the base64 of the 16-byte MD5 of the body"],
    [`MAP {'method': 'PUT', 'x-oss-storage-class': 'Cold'}`, 'ODPS-0121095', 'allowed: Standard, IA, Archive, ColdArchive, DeepColdArchive'],
    [`MAP {'method': 'PUT', 'x-oss-object-acl': 'public'}`, 'ODPS-0121095', 'allowed: default, private, public-read, public-read-write'],
    [`MAP {'method': 'PUT', 'x-oss-forbid-overwrite': 'yes'}`, 'ODPS-0121095', 'allowed: true or false'],
    [`MAP {'method': 'PUT', 'x-oss-meta-a': 'line' || chr(10) || 'break'}`, 'ODPS-0121095', 'is not allowed (it holds a control character)'],
    [`MAP {'x-oss-traffic-limit': '819199'}`, 'ODPS-0121095', "option x-oss-traffic-limit '819199' is not allowed; allowed: a whole number of bit/s from 819200 (100 KB/s) to 838860800 (100 MB/s)"],
    [`MAP {'x-oss-request-payer': 'owner'}`, 'ODPS-0121095', 'allowed: requester'],
    [`MAP {'x-oss-process': 'image'}`, 'ODPS-0121095', "option x-oss-process 'image' is not allowed; it names no action after 'image/'"],
    [`MAP {'x-oss-process': 'image/resize,w_100|sys/saveas,o_eA'}`, 'ODPS-0121095', 'runs as a POST request'],
    [`MAP {'x-oss-process': 'pdf/x'}`, 'ODPS-0121095', "'pdf' is not a processing kind"],
    [`MAP {'ttl': 1.5}`, 'ODPS-0130121', 'options (argument 3) must be MAP(VARCHAR, VARCHAR), got MAP(VARCHAR, DECIMAL(2,1))'],
    [`'ttl=60'`, 'ODPS-0130121', 'options (argument 3) must be MAP(VARCHAR, VARCHAR), got VARCHAR'],
  ])('refuses options %s', async (options, code, message) => {
    const error = await failure(`SELECT OSSDUCK_PRESIGN('${TABLE}', 'k', ${options}) AS r`);
    expect(error.code).toBe(code);
    expect(error.detail).toContain(message);
    expect(error.detail.startsWith('OSSDUCK_PRESIGN: ')).toBe(true);
    expect(error.position).toEqual({ line: 1, column: 8 });
  });

  it('refuses what V1 cannot sign, saying how to sign it', async () => {
    await runtime.run('SET ossduck.signature_version=v1');
    const error = await failure(`SELECT OSSDUCK_PRESIGN('${TABLE}', 'k', MAP {'method': 'PUT', 'Cache-Control': 'no-cache'})`);
    expect(error.detail).toBe(
      'OSSDUCK_PRESIGN: option Cache-Control cannot be signed with signature V1, which signs only Content-Type, Content-MD5 and x-oss-* headers; SET ossduck.signature_version=v4 to sign it',
    );
  });

  it('refuses bad calls, unknown tables and object names OSS refuses', async () => {
    expect((await failure(`SELECT OSSDUCK_PRESIGN('${TABLE}')`)).detail).toContain('function OSSDUCK_PRESIGN needs 2 or 3 parameters, actually have 1');
    expect((await failure(`SELECT OSSDUCK_PRESIGN('p_presign.default.nope', 'k')`)).detail).toContain('table p_presign.default.nope cannot be resolved');
    expect((await failure(`SELECT OSSDUCK_PRESIGN('${TABLE}', 42)`)).detail).toContain('key (argument 2) must be STRING (VARCHAR), got INTEGER');
    expect((await failure(`SELECT OSSDUCK_PRESIGN('${TABLE}', repeat('x', 1020))`)).detail).toContain('1024 bytes long');
  });

  it('refuses a TTL that no STS token covers on a RoleARN table', async () => {
    await runtime.run(`CREATE OBJECT TABLE roled LOCATION 'oss://oss-cn-hangzhou-internal.aliyuncs.com/examplebucket/r/'
      WITH SERDEPROPERTIES ('odps.properties.rolearn'='acs:ram::1234567890:role/aliyunodpsdefaultrole')`);
    const error = await failure(`SELECT OSSDUCK_PRESIGN('p_presign.default.roled', 'k', MAP {'ttl': '86400'})`);
    expect(error.code).toBe('ODPS-0130013');
    expect(error.detail).toContain('an STS token lasts at most 43200 s');
    expect(error.message).not.toContain(SECRET);
  });
});
