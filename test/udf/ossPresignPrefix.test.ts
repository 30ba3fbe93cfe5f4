import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmbeddedOss } from '../../src/session/EmbeddedOss.js';
import { OssduckError } from '../../src/OssduckError.js';
import { OssAccess } from '../../src/session/OssAccess.js';
import { Session } from '../../src/session/Session.js';
import OSS from 'ali-oss';
import { failureOf, lastRows } from '../support/sessionProbe.js';
import { getUrl } from '../emulator/httpClient.js';
import { Presigner } from '../../src/oss/signing/Presigner.js';
import { isMarker, LAYOUT, seedListingLayout, sequentialListing } from '../support/listingLayout.js';

const SEED: Record<string, string> = {
  'data/a.txt': 'alpha',
  'data/b.csv': 'x,y\n1,2\n',
  'data/sub/c.txt': 'gamma',
  'data/sub/d.TXT': 'delta',
  'data/sub/deep/e.txt': 'epsilon',
  'other/x.txt': 'outside the table',
};
const MANY = 2500;

describe('oss_presign_prefix', () => {
  let root: string;
  let runtime: Session;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ossduck-presign-prefix-'));
    for (const [key, content] of Object.entries(SEED)) {
      mkdirSync(join(root, 'presign-bkt', key, '..'), { recursive: true });
      writeFileSync(join(root, 'presign-bkt', key), content);
    }
    // A folder marker, which is no file to hand out.
    mkdirSync(join(root, 'presign-bkt', 'data', 'empty'), { recursive: true });
    writeFileSync(join(root, 'presign-bkt', 'data', 'empty', '%empty'), '');
    mkdirSync(join(root, 'presign-bkt', 'many'), { recursive: true });
    for (let i = 0; i < MANY; i++) writeFileSync(join(root, 'presign-bkt', 'many', `f${String(i).padStart(5, '0')}.bin`), String(i));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  beforeEach(async () => {
    const oss = new EmbeddedOss({ root });
    runtime = await Session.open({ credentials: oss, routing: () => oss.routing, closeWith: oss });
    await runtime.run(`USE p_prefix;
      CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/presign-bkt/data/';
      CREATE OBJECT TABLE many LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/presign-bkt/many/';
      CREATE OBJECT TABLE ro LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/presign-bkt/data/sub/'
        TBLPROPERTIES ('ossduck.allowed_methods'='GET', 'ossduck.max_ttl'='600')`);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await runtime.close();
  });

  const rows = (sql: string): Promise<unknown[][]> => lastRows(runtime, sql);

  const failure = (sql: string): Promise<OssduckError> => failureOf(runtime, sql);

  it('lists an object table with include := *.txt (base names, as ossutil), signing URLs that download', async () => {
    const got = await rows(`SELECT key, size, last_modified, url FROM oss_presign_prefix('p_prefix.default.t', include := '*.txt') ORDER BY key`);
    expect(got.map((r) => [r[0], Number(r[1])])).toEqual([
      ['a.txt', 5],
      ['sub/c.txt', 5],
      ['sub/deep/e.txt', 7],
    ]);
    for (const [key, , modified, url] of got) {
      expect(modified).not.toBeNull();
      const response = await fetch(String(url));
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(SEED[`data/${String(key)}`]);
    }
    const expires = new Set(got.map((r) => new URL(String(r[3])).searchParams.get('x-oss-expires')));
    expect([...expires]).toEqual(['3600']);
  });

  it('skips folder markers, lists everything without patterns, and excludes', async () => {
    expect((await rows(`SELECT key FROM oss_presign_prefix('p_prefix.default.t') ORDER BY key`)).map((r) => r[0])).toEqual([
      'a.txt',
      'b.csv',
      'sub/c.txt',
      'sub/d.TXT',
      'sub/deep/e.txt',
    ]);
    expect((await rows(`SELECT key FROM oss_presign_prefix('p_prefix.default.t', include := 'sub/*', exclude := 'c*') ORDER BY key`)).map((r) => r[0])).toEqual(['sub/d.TXT']);
  });

  it('takes an oss:// location under an object table: keys relative to it, the most specific table applies', async () => {
    const got = await rows(`SELECT key, url FROM oss_presign_prefix('oss://oss-cn-hangzhou-internal.aliyuncs.com/presign-bkt/data/sub', ttl := 60) ORDER BY key`);
    expect(got.map((r) => r[0])).toEqual(['c.txt', 'd.TXT', 'deep/e.txt']);
    expect(new URL(String(got[0]![1])).searchParams.get('x-oss-expires')).toBe('60');
    // data/sub/ is the LOCATION of ro, which allows GET only.
    expect((await failure(`SELECT * FROM oss_presign_prefix('oss://oss-cn-hangzhou.aliyuncs.com/presign-bkt/data/sub/', method := 'PUT')`)).detail).toBe(
      "oss_presign_prefix: table p_prefix.default.ro allows GET URLs only (TBLPROPERTIES 'ossduck.allowed_methods'='GET'); method PUT is refused",
    );
    expect((await failure(`SELECT * FROM oss_presign_prefix('p_prefix.default.ro', ttl := 601)`)).detail).toContain('allows URLs of at most 600 seconds');
    const byDefault = await rows(`SELECT url FROM oss_presign_prefix('p_prefix.default.ro') LIMIT 1`);
    expect(new URL(String(byDefault[0]![0])).searchParams.get('x-oss-expires')).toBe('600');
  });

  it('refuses a location under no object table, saying how to make one', async () => {
    const error = await failure(`SELECT * FROM oss_presign_prefix('oss://oss-cn-hangzhou.aliyuncs.com/presign-bkt/other/')`);
    expect(error.format()).toBe(
      "FAILED: ODPS-0121095:[1,15] Invalid arguments - oss_presign_prefix: location 'oss://oss-cn-hangzhou.aliyuncs.com/presign-bkt/other/' lies under no object table's LOCATION, " +
        "and URLs are signed only under an object table: name an object table, or CREATE OBJECT TABLE ... LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/presign-bkt/other/' first",
    );
  });

  it('lists as DuckDB asks for rows: one listing per scan, a page per chunk, a LIMIT taking one page', async () => {
    const original = OssAccess.prototype.openListing;
    const taken: number[] = [];
    const open = vi.spyOn(OssAccess.prototype, 'openListing').mockImplementation(function (this: OssAccess, ...args) {
      const listing = original.apply(this, args);
      return {
        next: () => {
          const objects = listing.next();
          taken.push(objects?.length ?? 0);
          return objects;
        },
        close: () => listing.close(),
      };
    });
    expect(await rows(`SELECT count(*), count(DISTINCT url) FROM oss_presign_prefix('p_prefix.default.many')`)).toEqual([[BigInt(MANY), BigInt(MANY)]]);
    expect(open).toHaveBeenCalledTimes(1);
    expect(taken).toEqual([1000, 1000, 500, 0]);
    open.mockClear();
    taken.length = 0;
    expect(await rows(`SELECT key FROM oss_presign_prefix('p_prefix.default.many') LIMIT 3`)).toEqual([['f00000.bin'], ['f00001.bin'], ['f00002.bin']]);
    expect(taken).toEqual([1000]);
  });

  it('lists and signs a RoleARN table with STS credentials from AssumeRole, and the URLs download', async () => {
    await runtime.run(`CREATE OBJECT TABLE roled LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/presign-bkt/data/'
      WITH SERDEPROPERTIES ('odps.properties.rolearn'='acs:ram::1234567890123456:role/aliyunodpsdefaultrole')`);
    const got = await rows(`SELECT key, url FROM oss_presign_prefix('p_prefix.default.roled', include := 'a.txt', ttl := 900)`);
    expect(got.map((r) => r[0])).toEqual(['a.txt']);
    const url = new URL(String(got[0]![1]));
    expect(url.searchParams.get('x-oss-credential')).toMatch(/^STS\./);
    expect(url.searchParams.get('x-oss-security-token')).toBeTruthy();
    expect(await (await fetch(url)).text()).toBe('alpha');
    expect((await failure(`SELECT * FROM oss_presign_prefix('p_prefix.default.roled', ttl := 86400)`)).detail).toContain('an STS token lasts at most 43200 s');
  });

  it('takes ttl as any integer type or text of one, never rounding', async () => {
    const cases = [['600', '600'], ['600::BIGINT', '600'], ['100::TINYINT', '100'], ["'600'", '600'], ['6e2', '600']] as const;
    for (const [ttl, expires] of cases) {
      const [[url]] = (await rows(`SELECT url FROM oss_presign_prefix('p_prefix.default.t', ttl := ${ttl}) LIMIT 1`)) as [[string]];
      expect(new URL(url).searchParams.get('x-oss-expires'), ttl).toBe(expires);
    }
  });

  it('signs PUT URLs that upload, V1 as well', async () => {
    await runtime.run('SET ossduck.signature_version=v1');
    const [[url]] = (await rows(`SELECT url FROM oss_presign_prefix('p_prefix.default.t', method := 'put', include := 'b.csv')`)) as [[string]];
    expect(new URL(url).searchParams.get('Signature')).toBeTruthy();
    // A byte body: fetch adds no Content-Type, which the URL signed as none.
    expect((await fetch(url, { method: 'PUT', body: Buffer.from('new,content\n') })).status).toBe(200);
    expect(await rows(`SELECT STRING(GET_DATA_FROM_OSS('p_prefix.default.t', 'b.csv'))`)).toEqual([['new,content\n']]);
    writeFileSync(join(root, 'presign-bkt', 'data', 'b.csv'), SEED['data/b.csv']!);
  });

  it.each([
    [`NULL`, 'location must be given, not NULL or empty'],
    [`'p_prefix.default.t', method := 'DELETE'`, "method 'DELETE' is not allowed; allowed: GET, PUT, HEAD, in any case"],
    [`'p_prefix.default.t', ttl := 0`, 'ttl 0 is out of range; allowed 1 to 604800 seconds (7 days)'],
    [`'p_prefix.default.t', include := '[abc'`, "include '[abc' has an unclosed '['"],
    [`'p_prefix.default.t', exclude := 'x\\\\'`, "exclude 'x\\' ends in a lone '\\'"],
    [`'p_prefix.default.nope'`, 'table p_prefix.default.nope cannot be resolved'],
    [`'oss://oss-cn-hangzhou.aliyuncs.com/Bad_Bucket/'`, "location: 'oss://oss-cn-hangzhou.aliyuncs.com/Bad_Bucket/' names bucket 'Bad_Bucket', which OSS would refuse"],
    [`'p_prefix.default.t', ttl := 600.7`, 'ttl must be INT, a whole number of seconds from 1 to 604800 (7 days); got DECIMAL(4,1) 600.7', 'ODPS-0130121'],
    [`'p_prefix.default.t', ttl := 60.5::DOUBLE`, 'ttl must be INT, a whole number of seconds from 1 to 604800 (7 days); got 60.5, which is not whole', 'ODPS-0130121'],
    [`'p_prefix.default.t', ttl := 'abc'`, "ttl must be INT, a whole number of seconds from 1 to 604800 (7 days); got STRING 'abc'", 'ODPS-0130121'],
    [`'p_prefix.default.t', ttl := DATE '2026-01-01'`, 'ttl must be INT, a whole number of seconds from 1 to 604800 (7 days); got 2026-01-01, which is not a number', 'ODPS-0130121'],
    [`'p_prefix.default.t', ttl := '-5'`, 'ttl -5 is out of range; allowed 1 to 604800 seconds (7 days)', 'ODPS-0121065'],
    [
      `'p_prefix.default.t', bogus := 1`,
      'there is no parameter bogus; allowed: location (by position), then ttl, method, include, exclude (by name, as name := value): call it as oss_presign_prefix(',
      'ODPS-0121095',
    ],
    [``, 'function oss_presign_prefix needs 1 parameters, actually have 0; location STRING by position, then the named parameters ttl, method, include, exclude: call it as oss_presign_prefix(', 'ODPS-0130221'],
    [`ttl := 60`, 'function oss_presign_prefix needs 1 parameters, actually have 0; location STRING by position', 'ODPS-0130221'],
    [`'p_prefix.default.t', 'GET'`, 'function oss_presign_prefix needs 1 parameters, actually have 2; location STRING by position', 'ODPS-0130221'],
    [`42`, 'location (argument 1) must be STRING, got INTEGER: call it as oss_presign_prefix(', 'ODPS-0130121'],
  ])('refuses (%s)', async (args, message, code?: string) => {
    const error = await failure(`SELECT * FROM oss_presign_prefix(${args})`);
    expect(error.detail).toContain(message);
    if (code) expect(error.code).toBe(code);
    expect(error.detail).toMatch(/^(?:function )?oss_presign_prefix[: ]/);
    expect(error.position).toEqual({ line: 1, column: 15 });
  });
});

describe('oss_presign_prefix over a location of many sub-prefixes', () => {
  let root: string;
  let oss: EmbeddedOss;
  let runtime: Session;
  let expected: { key: string; size: number }[];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ossduck-presign-layout-'));
    mkdirSync(join(root, 'lay-bkt'));
    oss = new EmbeddedOss({ root });
    const { ossUrl } = await oss.start();
    const credentials = oss.localAccount;
    const put = new Presigner({
      version: 'v4',
      credentials,
      method: 'PUT',
      bucket: 'lay-bkt',
      signTime: Math.floor(Date.now() / 1000),
      expiresIn: 3600,
      region: 'cn-hangzhou',
      product: 'oss',
      address: { scheme: 'http', host: new URL(ossUrl).host, style: 'path' },
    });
    await seedListingLayout(root, 'lay-bkt', async (key, body) => {
      const res = await getUrl(put.url(key), 'PUT', body);
      if (res.status !== 200) throw new Error(`PUT ${JSON.stringify(key)}: ${res.status} ${res.text}`);
    });
    const reference = new OSS({ region: 'oss-cn-hangzhou', endpoint: ossUrl, accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.revealSecret(), bucket: 'lay-bkt', authorizationV4: true } as OSS.Options);
    const { objects } = await sequentialListing(reference, LAYOUT);
    expected = objects.filter((o) => !isMarker(LAYOUT, o)).map((o) => ({ key: o.key.slice(LAYOUT.length), size: o.size }));
    runtime = await Session.open({ credentials: oss, routing: () => oss.routing, closeWith: oss });
    await runtime.run(`USE p_layout; CREATE OBJECT TABLE lay LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/lay-bkt/${LAYOUT}'`);
  }, 120_000);
  afterAll(async () => {
    await runtime?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it.each(['32', '1'])('gives the rows of one sequential listV2 stream, in its order (ossduck.oss.max_concurrency=%s)', async (concurrency) => {
    await runtime.run(`SET ossduck.oss.max_concurrency=${concurrency}`);
    const got = await lastRows(runtime, `SELECT key, size FROM oss_presign_prefix('p_layout.default.lay')`);
    expect(expected.length).toBeGreaterThan(5000);
    expect(got.map((r) => ({ key: String(r[0]), size: Number(r[1]) }))).toEqual(expected);
  }, 120_000);
});
