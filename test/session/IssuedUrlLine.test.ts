import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { Presigner } from '../../src/oss/signing/Presigner.js';
import { ISSUED_URL_FIELDS } from '../../src/session/issuedUrlFields.js';
import { IssuedUrlLine } from '../../src/session/IssuedUrlLine.js';
import { objectTable } from '../support/FunctionHarness.js';

const AWKWARD = ['"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', ' ', '+', '%', '?', '&', '#', '中文', '😀', '\u2028', '\u{feff}', 'é', '/'];
const name = fc
  .array(fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ minLength: 1, maxLength: 5 })), { minLength: 1, maxLength: 15 })
  .map((parts) => parts.join(''));

const spec = fc.record({
  version: fc.constantFrom('v4' as const, 'v1' as const),
  method: fc.constantFrom('GET', 'PUT'),
  token: fc.option(fc.constant('CAIS+token/with=padding=='), { nil: undefined }),
  style: fc.constantFrom('virtual' as const, 'path' as const),
  expiresIn: fc.integer({ min: 1, max: 604800 }),
  roleArn: fc.option(fc.constant('acs:ram::1234567890:role/reader'), { nil: undefined }),
});

const SIGN_TIME = 1795438800;
const SECRET = 'IssuedUrlLineSecretNeverWritten';

describe('IssuedUrlLine', () => {
  it('writes JSON.stringify of the record, fields in the table order, the URL unsigned, for awkward object names', () => {
    fc.assert(
      fc.property(spec, name, (s, objectName) => {
        const table = objectTable('p.s.docs', 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/', { roleArn: s.roleArn });
        const presigner = new Presigner({
          version: s.version,
          credentials: new Credentials({ accessKeyId: 'LTAI5tLineTest', accessKeySecret: SECRET, securityToken: s.token }),
          method: s.method,
          bucket: 'examplebucket',
          signTime: SIGN_TIME,
          expiresIn: s.expiresIn,
          region: 'cn-hangzhou',
          product: 'oss',
          address: s.style === 'path' ? { scheme: 'http', host: '127.0.0.1:9000', style: 'path' } : { scheme: 'https', host: 'oss-cn-hangzhou.aliyuncs.com', style: 'virtual' },
        });
        const line = new IssuedUrlLine('GET_SIGNED_URL_FROM_OSS', table, presigner, { session: '0123456789abcdef', number: 7, hash: 'ab'.repeat(32) });
        const source = Buffer.from(`..${objectName}..`, 'utf8');
        const end = source.length - 2;
        const target = Buffer.alloc(line.maxBytes(end - 2) + 10, 0xee);
        const stop = line.write(source, 2, end, target, 3);
        expect(stop - 3).toBeLessThanOrEqual(line.maxBytes(end - 2));
        expect(target[stop]).toBe(0xee);
        const expected = {
          signedAt: new Date(SIGN_TIME * 1000).toISOString(),
          session: '0123456789abcdef',
          statement: 7,
          statementHash: 'ab'.repeat(32),
          function: 'GET_SIGNED_URL_FROM_OSS',
          table: 'p.s.docs',
          endpoint: 'oss-cn-hangzhou.aliyuncs.com',
          bucket: 'examplebucket',
          key: objectName,
          method: s.method,
          expiresAt: new Date((SIGN_TIME + s.expiresIn) * 1000).toISOString(),
          signatureVersion: s.version,
          accessKeyId: 'LTAI5tLineTest',
          sts: s.token !== undefined,
          roleArn: s.roleArn ?? null,
          url: presigner.unsignedUrl(objectName),
        };
        const text = target.toString('utf8', 3, stop);
        expect(text).toBe(`${JSON.stringify(expected)}\n`);
        expect(Object.keys(JSON.parse(text))).toEqual(ISSUED_URL_FIELDS.map((f) => f.name));
        expect(text).not.toContain(SECRET);
        expect(text).not.toMatch(/signature=|Signature=|security-token|CAIS/);
      }),
      { numRuns: 800, seed: 1717 },
    );
  });
});
