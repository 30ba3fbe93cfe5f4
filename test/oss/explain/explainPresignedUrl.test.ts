import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Credentials } from '../../../src/oss/Credentials.js';
import { OssduckError } from '../../../src/OssduckError.js';
import { TemporaryCredentialIssuer } from '../../../src/emulator/TemporaryCredentialIssuer.js';
import { explainPresignedUrl } from '../../../src/oss/explain/explainPresignedUrl.js';
import type { CheckName, ExplainOptions, UrlExplanation } from '../../../src/oss/explain/explainPresignedUrl.js';
import { Presigner } from '../../../src/oss/signing/Presigner.js';
import type { PresignSpec } from '../../../src/oss/signing/Presigner.js';
import { parseQuery } from '../../../src/oss/signing/QueryParam.js';

const FIXED = Date.UTC(2026, 10, 23, 12, 0, 0);
const ID = 'LTAI5tExplainKey';
const SECRET = 'ExplainSecret-never-printed-4711';
const credentials = new Credentials({ accessKeyId: ID, accessKeySecret: SECRET });
const KEY = 'dir/report 2026.csv';
const HOST = 'oss-cn-hangzhou.aliyuncs.com';

function presigner(version: 'v1' | 'v4', extra: Partial<PresignSpec> = {}): Presigner {
  return new Presigner({
    version,
    credentials,
    method: 'GET',
    bucket: 'examplebucket',
    signTime: FIXED / 1000,
    expiresIn: 900,
    region: 'cn-hangzhou',
    product: 'oss',
    address: { scheme: 'https', host: HOST, style: 'virtual' },
    ...extra,
  });
}

function explain(url: string, options: Partial<ExplainOptions> = {}): UrlExplanation {
  return explainPresignedUrl(url, { nowMs: FIXED + 60_000, credentials, ...options });
}

function statusOf(e: UrlExplanation, name: CheckName): string | undefined {
  return e.checks.find((c) => c.name === name)?.status;
}

function detailOf(e: UrlExplanation, name: CheckName): string {
  return e.checks.find((c) => c.name === name)?.detail ?? '';
}

/** A V1 URL whose Signature holds a '+': the first key, in a fixed order, that gives one. */
function v1UrlWithPlus(): { url: string; key: string } {
  for (let i = 0; i < 1000; i++) {
    const key = `plus/${i}.txt`;
    const url = presigner('v1').url(key);
    const signature = parseQuery(url.split('?')[1]!).find(([n]) => n === 'Signature')![1]!;
    if (signature.includes('+')) return { url, key };
  }
  throw new Error('no signature with a + among 1000 keys');
}

describe('explainPresignedUrl: verdicts', () => {
  for (const version of ['v1', 'v4'] as const) {
    it(`${version}: a URL as signed is accepted, with every check ok and nothing expected`, () => {
      const e = explain(presigner(version).url(KEY));
      expect(e.verdict).toBe('accepted');
      expect(e.reason).toMatch(/^OSS would accept it: the signature matches GET with no headers; valid for another 14 min$/);
      expect(e.oss).toBeNull();
      expect(e.expected).toBeNull();
      expect(e.checks.filter((c) => c.status !== 'ok')).toEqual([]);
      expect(e.url).toMatchObject({ bucket: 'examplebucket', key: KEY, accessKeyId: ID, expiresAt: '2026-11-23T12:15:00Z', secondsLeft: 840 });
    });

    it(`${version}: an expired URL is refused by how much, and its signature is otherwise right`, () => {
      const e = explain(presigner(version).url(KEY), { nowMs: FIXED + 901_000 + 3_600_000 });
      expect(e.verdict).toBe('refused');
      expect(e.reason).toBe('it expired 1 h 1 s ago, at 2026-11-23T12:15:00Z (OSS: AccessDenied, Request has expired)');
      expect(e.oss).toEqual({ status: 403, code: 'AccessDenied', message: 'Request has expired.' });
      expect(statusOf(e, 'signature')).toBe('ok');
      expect(e.url.secondsLeft).toBe(-3601);
    });

    it(`${version}: is accepted at the second of expiry and refused one second later`, () => {
      const url = presigner(version).url(KEY);
      expect(explain(url, { nowMs: FIXED + 900_000 }).verdict).toBe('accepted');
      expect(explain(url, { nowMs: FIXED + 901_000 }).verdict).toBe('refused');
    });

    it(`${version}: a signature cut short is told apart from one that merely differs`, () => {
      const url = presigner(version).url(KEY);
      const name = version === 'v4' ? 'x-oss-signature' : 'Signature';
      const cut = url.replace(new RegExp(`(${name}=[^&]{10})[^&]*`), '$1');
      const e = explain(cut);
      expect(e.verdict).toBe('refused');
      expect(detailOf(e, 'signature')).toMatch(version === 'v4' ? /not 64 lower-case hex digits \(it has 10 characters\): it was cut short/ : /not the 28-character base64/);
      expect(e.oss?.code).toBe('SignatureDoesNotMatch');
    });

    it(`${version}: a changed key is a mismatch that lists what the signature covers`, () => {
      const url = presigner(version).url(KEY).replace('report%202026.csv', 'report%202025.csv');
      const e = explain(url);
      expect(e.verdict).toBe('refused');
      expect(e.oss?.code).toBe('SignatureDoesNotMatch');
      expect(e.reason).toMatch(/^the signature does not match \(OSS: SignatureDoesNotMatch\): something it covers was changed after signing, or it was signed with another secret for LTAI5tExplainKey/);
      expect(e.reason).toContain("key 'dir/report 2025.csv'");
      expect(e.reason).toContain('the method GET; bucket examplebucket');
      expect(e.expected?.stringToSign).toContain(version === 'v4' ? 'OSS4-HMAC-SHA256\n20261123T120000Z\n20261123/cn-hangzhou/oss/aliyun_v4_request\n' : '/examplebucket/dir/report 2025.csv');
      if (version === 'v4') expect(e.expected?.canonicalRequest?.split('\n').slice(0, 2)).toEqual(['GET', '/examplebucket/dir/report%202025.csv']);
      else expect(e.expected?.canonicalRequest).toBeNull();
      // No common change explains it: what the signer signed is not known.
      expect(e.signed).toBeNull();
    });

    it(`${version}: a URL signed by another AccessKeyId is refused as InvalidAccessKeyId, its signature unchecked`, () => {
      const other = new Credentials({ accessKeyId: 'LTAI5tSomeoneElse', accessKeySecret: 'another-secret' });
      const e = explain(presigner(version, { credentials: other }).url(KEY));
      expect(e.verdict).toBe('refused');
      expect(e.reason).toMatch(/^signed by AccessKeyId LTAI5tSomeoneElse, but the environment's is LTAI5tExplainKey: OSS refuses a key the account does not have \(InvalidAccessKeyId\)/);
      expect(e.oss).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
      expect(statusOf(e, 'signature')).toBe('skipped');
    });

    it(`${version}: a URL signed with another secret for the same AccessKeyId is a plain mismatch`, () => {
      const forged = new Credentials({ accessKeyId: ID, accessKeySecret: 'not-the-secret' });
      const e = explain(presigner(version, { credentials: forged }).url(KEY));
      expect(e.verdict).toBe('refused');
      expect(e.oss?.code).toBe('SignatureDoesNotMatch');
      expect(e.reason).toContain('or it was signed with another secret for LTAI5tExplainKey');
    });

    it(`${version}: without credentials a sound URL is unverified, a broken one still refused`, () => {
      const url = presigner(version).url(KEY);
      const e = explain(url, { credentials: undefined, noCredentials: 'no credentials in the environment' });
      expect(e.verdict).toBe('unverified');
      expect(e.reason).toBe('no problem found, but the signature is not checked: no credentials in the environment');
      expect(e.oss).toBeNull();
      expect(statusOf(e, 'access-key')).toBe('skipped');
      expect(explain(url, { credentials: undefined, nowMs: FIXED + 3_600_000 }).verdict).toBe('refused');
    });
  }

  it("V1: a Signature whose '+' was left raw is caught, and would match as %2B", () => {
    const { url, key } = v1UrlWithPlus();
    expect(key).toBe('plus/4.txt');
    expect(explain(url).verdict).toBe('accepted');
    const raw = url.replace(/Signature=[^&]*/, (m) => m.replaceAll('%2B', '+'));
    expect(raw).not.toBe(url);
    const e = explain(raw);
    expect(e.verdict).toBe('refused');
    expect(statusOf(e, 'plus-sign')).toBe('fail');
    expect(e.reason).toMatch(/^Signature holds a raw '\+', which OSS reads as a space, so it sees another signature: write each '\+' as %2B/);
    expect(detailOf(e, 'signature')).toContain("it matches once each raw '+' in Signature is read as '+'");
    expect(e.oss?.code).toBe('SignatureDoesNotMatch');
    // The same check needs no credentials.
    expect(explain(raw, { credentials: undefined }).verdict).toBe('refused');
  });

  it("V4: a raw '+' in the security token is fatal, one in another parameter a warning", () => {
    const sts = new Credentials({ accessKeyId: ID, accessKeySecret: SECRET, securityToken: 'CAIS+opaque/token==' });
    const url = presigner('v4', { credentials: sts }).url(KEY);
    expect(explain(url, { credentials: sts }).verdict).toBe('accepted');
    const raw = url.replace('CAIS%2Bopaque', 'CAIS+opaque');
    const e = explain(raw, { credentials: sts });
    expect(e.verdict).toBe('refused');
    expect(detailOf(e, 'plus-sign')).toMatch(/^x-oss-security-token holds a raw '\+'/);
    expect(e.oss?.code).toBe('InvalidSecurityToken');
    const extra = explain(`${presigner('v1').url(KEY)}&utm=a+b`);
    expect(statusOf(extra, 'plus-sign')).toBe('warn');
    expect(extra.verdict).toBe('accepted');
  });
});

describe('explainPresignedUrl: what a mismatch was', () => {
  it('a PUT URL checked as GET: signed for PUT; checked as PUT it is accepted', () => {
    const url = presigner('v4', { method: 'PUT' }).url(KEY);
    const e = explain(url);
    expect(e.reason).toContain('the URL was signed for PUT, not GET: send it with PUT (check it with --method PUT)');
    // What the signer signed, beside what the request as given signs.
    expect(e.signed?.canonicalRequest?.split('\n')[0]).toBe('PUT');
    expect(e.expected?.canonicalRequest?.split('\n')[0]).toBe('GET');
    expect(e.signed?.canonicalRequest?.split('\n').slice(1)).toEqual(e.expected?.canonicalRequest?.split('\n').slice(1));
    expect(explain(url, { method: 'put' }).verdict).toBe('accepted');
  });

  it("words advice for the caller: the command's options by default, OSSDUCK_EXPLAIN_URL's arguments for SQL", () => {
    const put = presigner('v4', { method: 'PUT' }).url(KEY);
    expect(explain(put, { caller: 'command' }).reason).toContain('(check it with --method PUT)');
    expect(explain(put, { caller: 'sql' }).reason).toContain("send it with PUT (check it with OSSDUCK_EXPLAIN_URL(url, 'PUT'))");
    const cname = presigner('v4', { address: { scheme: 'https', host: 'static.example.com', style: 'cname' } }).url(KEY);
    expect(explain(cname).reason).toMatch(/cannot be checked; give the bucket \(--bucket\)$/);
    expect(explain(cname, { caller: 'sql' }).reason).toMatch(/cannot be checked; SQL has no bucket argument: check it with ossduck explain-url --bucket <bucket>$/);
    const headed = presigner('v4', { headers: [['Range', 'bytes=0-9']], additionalHeaders: ['range'] }).url(KEY);
    expect(explain(headed, { caller: 'sql' }).reason).toContain(
      "which the request does not send (OSSDUCK_EXPLAIN_URL judges a request without headers: check it with ossduck explain-url --header 'NAME: VALUE')",
    );
    for (const url of [put, cname, headed]) expect(explain(url, { caller: 'sql' }).reason).not.toMatch(/\(--|; give the bucket/);
  });

  it('a GET URL fetched with HEAD (curl -I) is named so', () => {
    expect(explain(presigner('v1').url(KEY), { method: 'HEAD' }).reason).toContain('the URL was signed for GET, not HEAD');
  });

  it('a URL signed with a Content-Type: says which one the client must send', () => {
    for (const version of ['v1', 'v4'] as const) {
      const url = presigner(version, { method: 'PUT', headers: [['Content-Type', 'text/plain']] }).url(KEY);
      expect(explain(url, { method: 'PUT' }).reason).toContain('it matches a PUT with Content-Type: text/plain: it was signed for that type');
      expect(explain(url, { method: 'PUT', headers: [['content-type', 'text/plain']] }).verdict).toBe('accepted');
    }
  });

  it("curl's form Content-Type on a URL signed without one: send none", () => {
    const url = presigner('v4', { method: 'PUT' }).url(KEY);
    const e = explain(url, { method: 'PUT', headers: [['Content-Type', 'application/x-www-form-urlencoded']] });
    expect(e.reason).toContain("it matches a PUT without the headers given: it was signed for none of Content-Type; send none (curl sends Content-Type");
  });

  it('a parameter added after signing (V4 signs every parameter; V1 only sub-resources)', () => {
    const v4 = explain(`${presigner('v4').url(KEY)}&response-content-type=text%2Fhtml`);
    expect(v4.reason).toContain('it matches without the parameter response-content-type: it was added or changed after signing');
    const v1 = explain(`${presigner('v1').url(KEY)}&response-content-type=text%2Fhtml`);
    expect(v1.reason).toContain('it matches without the parameter response-content-type');
    const unsigned = explain(`${presigner('v1').url(KEY)}&utm_source=mail`);
    expect(unsigned.verdict).toBe('accepted');
    expect(unsigned.url.parameters).toEqual([{ name: 'utm_source', value: 'mail', kind: 'other', signed: false }]);
  });

  it('an edited x-oss-expires is found when the original was a common lifetime', () => {
    const e = explain(presigner('v4').url(KEY).replace('x-oss-expires=900', 'x-oss-expires=86400'));
    expect(e.reason).toContain('it matches x-oss-expires=900: x-oss-expires was changed from 900 to 86400 after signing');
  });

  it("a path that wrote spaces as '+' is named", () => {
    const url = presigner('v4').url(KEY).replace('report%202026', 'report+2026');
    expect(explain(url).reason).toContain("it matches the key with a space for each '+' in the path");
  });

  it('x-oss-additional-headers the request does not send are named', () => {
    const url = presigner('v4', { headers: [['Range', 'bytes=0-9']], additionalHeaders: ['range'] }).url(KEY);
    const e = explain(url);
    expect(e.url.additionalHeaders).toEqual(['range']);
    expect(e.reason).toContain('x-oss-additional-headers names range, which the request does not send (--header)');
    expect(explain(url, { headers: [['Range', 'bytes=0-9']] }).verdict).toBe('accepted');
  });

  it('a host in x-oss-additional-headers is the URL host, sent by every client', () => {
    const host = `examplebucket.${HOST}`;
    const url = presigner('v4', { headers: [['Host', host]], additionalHeaders: ['host'] }).url(KEY);
    expect(explain(url).verdict).toBe('accepted');
  });
});

describe('explainPresignedUrl: time, range and scope', () => {
  it('V4: x-oss-expires beyond 7 days is InvalidArgument', () => {
    const e = explain(presigner('v4', { expiresIn: 604801 }).url(KEY));
    expect(e.verdict).toBe('refused');
    expect(detailOf(e, 'expires-range')).toBe('x-oss-expires 604801 is outside 1 to 604800 seconds (7 days): OSS refuses it (InvalidArgument)');
    expect(e.oss).toMatchObject({ status: 400, code: 'InvalidArgument' });
  });

  it('V4: signed more than 15 minutes in the future is refused, within 15 minutes a warning', () => {
    const url = presigner('v4').url(KEY);
    const ahead = explain(url, { nowMs: FIXED - 20 * 60_000 });
    expect(ahead.verdict).toBe('refused');
    expect(ahead.reason).toMatch(/^x-oss-date 2026-11-23T12:00:00Z is 20 min in the future: OSS refuses a URL used more than 15 minutes before it was signed/);
    expect(ahead.oss?.code).toBe('AccessDenied');
    const near = explain(url, { nowMs: FIXED - 5 * 60_000 });
    expect(near.verdict).toBe('accepted');
    expect(statusOf(near, 'clock-skew')).toBe('warn');
  });

  it("V4: a credential scoped to another region than the host's is refused (the emulator would take it)", () => {
    const e = explain(presigner('v4', { region: 'cn-shanghai' }).url(KEY));
    expect(e.verdict).toBe('refused');
    expect(e.reason).toMatch(/^x-oss-credential is scoped to cn-shanghai\/oss, but the host examplebucket\.oss-cn-hangzhou\.aliyuncs\.com is the endpoint of cn-hangzhou\/oss/);
    expect(e.oss).toBeNull();
    expect(statusOf(e, 'signature')).toBe('ok');
  });

  it('V4: a missing parameter is named, and OSS answers InvalidArgument', () => {
    const e = explain(presigner('v4').url(KEY).replace(/&x-oss-date=[^&]*/, ''));
    expect(e.verdict).toBe('refused');
    expect(e.reason).toBe('x-oss-date is missing or empty: OSS refuses the URL');
    expect(e.oss?.status).toBe(400);
  });

  it('a custom domain is unverified without the bucket and accepted with it', () => {
    const url = presigner('v4', { address: { scheme: 'https', host: 'static.example.com', style: 'cname' } }).url(KEY);
    const e = explain(url);
    expect(e.verdict).toBe('unverified');
    expect(e.reason).toContain('static.example.com is a custom domain: the URL does not say which bucket it signs');
    expect(explain(url, { bucket: 'examplebucket' }).verdict).toBe('accepted');
    expect(explain(url, { bucket: 'otherbucket' }).verdict).toBe('refused');
  });
});

describe('explainPresignedUrl: STS', () => {
  const issuer = new TemporaryCredentialIssuer();
  const issued = issuer.issue('acs:ram::1:role/r', 'ossduck', FIXED + 1800_000);
  const temporary = new Credentials({ accessKeyId: issued.accessKeyId, accessKeySecret: issued.accessKeySecret, securityToken: issued.securityToken });

  it('an emulator token: its claims are read; the signature is checked with the temporary key when held', () => {
    const url = presigner('v4', { credentials: temporary }).url(KEY);
    const e = explain(url);
    expect(e.verdict).toBe('unverified');
    expect(detailOf(e, 'access-key')).toMatch(/^signed by temporary AccessKeyId STS\.\w+ \(with a security token\), the environment's is LTAI5tExplainKey/);
    expect(detailOf(e, 'security-token')).toMatch(/^an ossduck emulator token CAIS\w{4}… \(\d+ characters\), valid until 2026-11-23T12:30:00Z by its own claim/);
    expect(e.url.securityToken).toMatchObject({ claimedAccessKeyId: issued.accessKeyId, claimedExpiresAt: '2026-11-23T12:30:00Z' });
    expect(explain(url, { otherCredentials: [temporary] }).verdict).toBe('accepted');
  });

  it('an expired emulator token is refused as SecurityTokenExpired while the URL itself is still valid', () => {
    const url = presigner('v4', { credentials: temporary, expiresIn: 3600 }).url(KEY);
    const e = explain(url, { nowMs: FIXED + 1800_000 + 5_000 });
    expect(e.verdict).toBe('refused');
    expect(e.reason).toMatch(/^the security token expired 5 s ago, at 2026-11-23T12:30:00Z/);
    expect(e.oss?.code).toBe('SecurityTokenExpired');
    const early = explain(url);
    expect(statusOf(early, 'security-token')).toBe('warn');
    expect(detailOf(early, 'security-token')).toContain('30 min before the URL');
  });

  it('a token of another temporary key is AccessKeyIdAndSecurityTokenNotMatch', () => {
    const other = issuer.issue('acs:ram::1:role/r', 'other', FIXED + 1800_000);
    const url = presigner('v4', { credentials: temporary }).url(KEY).replace(encodeURIComponent(issued.securityToken), encodeURIComponent(other.securityToken));
    expect(explain(url).oss?.code).toBe('AccessKeyIdAndSecurityTokenNotMatch');
  });

  it('STS credentials in the environment: a URL without their token, or with another token, is refused', () => {
    const env = new Credentials({ accessKeyId: 'STS.EnvTemporaryKey', accessKeySecret: 'temp-secret', securityToken: 'CAIS/opaque-real-token' });
    const signed = presigner('v1', { credentials: env }).url(KEY);
    expect(explain(signed, { credentials: env }).verdict).toBe('accepted');
    const noToken = explain(signed.replace(/&security-token=[^&]*/, ''), { credentials: env });
    expect(noToken.reason).toMatch(/^AccessKeyId STS\.EnvTemporaryKey is temporary \(STS\), but the URL carries no security token/);
    expect(noToken.oss?.code).toBe('InvalidAccessKeyId');
    const changed = explain(signed.replace('opaque-real-token', 'opaque-fake-token'), { credentials: env });
    expect(changed.reason).toMatch(/security token CAIS\/… \(22 characters\) is not the environment's security token/);
    expect(changed.oss?.code).toBe('InvalidSecurityToken');
  });

  it('never shows a token, the secret or a signature the URL does not carry', () => {
    const token = `CAIS${'s3cr3tT0k3n'.repeat(20)}`;
    const sts = new Credentials({ accessKeyId: ID, accessKeySecret: SECRET, securityToken: token });
    for (const version of ['v1', 'v4'] as const) {
      const good = presigner(version, { credentials: sts }).url(KEY);
      const bad = good.replace('report%202026', 'report%202027');
      for (const url of [good, bad]) {
        const text = JSON.stringify(explain(url, { credentials: sts }));
        expect(text).not.toContain(token.slice(0, 40));
        expect(text).not.toContain(SECRET);
      }
      const mismatch = explain(bad, { credentials: sts });
      expect(mismatch.expected?.stringToSign ?? '').not.toContain(token.slice(0, 40));
      if (version === 'v4') expect(mismatch.expected?.canonicalRequest).toContain(`x-oss-security-token=<security token CAISs3cr… (${token.length} characters)>`);
      else expect(mismatch.expected?.stringToSign).toContain(`security-token=<security token CAISs3cr… (${token.length} characters)>`);
      // The signature of the changed request is never revealed.
      const right = presigner(version, { credentials: sts }).url('dir/report 2027.csv');
      const rightSignature = parseQuery(right.split('?')[1]!).find(([n]) => n === (version === 'v4' ? 'x-oss-signature' : 'Signature'))![1]!;
      expect(JSON.stringify(mismatch)).not.toContain(rightSignature);
    }
  });
});

describe("explainPresignedUrl: a local emulator's own account", () => {
  it("judges only its own URLs: another key's sound URL is unverified, not InvalidAccessKeyId; a broken one still refused", () => {
    const local = { credentials, localAccount: 'the embedded local OSS', credentialsOwner: 'the session' };
    const other = new Credentials({ accessKeyId: 'LTAI5tRealOssKey', accessKeySecret: 'real-secret' });
    const foreign = presigner('v4', { credentials: other }).url(KEY);
    expect(explain(foreign).oss?.code).toBe('InvalidAccessKeyId');
    const e = explain(foreign, local);
    expect(e.verdict).toBe('unverified');
    expect(e.oss).toBeNull();
    expect(e.reason).toBe(
      "no problem found, but the signature is not checked: no credentials for AccessKeyId LTAI5tRealOssKey are available (the session's only account is the embedded local OSS's own): " +
        "set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET to that key's pair to check the signature",
    );
    expect(statusOf(e, 'access-key')).toBe('skipped');
    expect(explain(foreign, { ...local, nowMs: FIXED + 3600_000 }).verdict).toBe('refused');
    expect(explain(presigner('v1').url(KEY), local).verdict).toBe('accepted');
    expect(explain(presigner('v4').url(KEY).replace('report%202026', 'report%202027'), local).oss?.code).toBe('SignatureDoesNotMatch');
  });
});

describe('explainPresignedUrl: credentials as plain data', () => {
  it('takes a plain { accessKeyId, accessKeySecret, securityToken? } as openOssduck does, through the library entry point', async () => {
    const { explainPresignedUrl: fromIndex } = await import('../../../src/index.js');
    const url = presigner('v4').url(KEY);
    const plain = { accessKeyId: ID, accessKeySecret: SECRET };
    const e = fromIndex(url, { nowMs: FIXED + 60_000, credentials: plain });
    expect(e.verdict).toBe('accepted');
    expect(JSON.stringify(e)).not.toContain(SECRET);
    const wrong = fromIndex(url, { nowMs: FIXED + 60_000, credentials: { ...plain, accessKeySecret: 'another-secret' } });
    expect(wrong.oss?.code).toBe('SignatureDoesNotMatch');

    const sts = { accessKeyId: 'STS.PlainTemporaryKey', accessKeySecret: 'plain-temp-secret', securityToken: 'CAIS/plain-token' };
    const signed = presigner('v1', { credentials: new Credentials(sts) }).url(KEY);
    expect(explain(signed, { credentials: sts }).verdict).toBe('accepted');
    expect(explain(signed, { credentials: plain, otherCredentials: [sts] }).verdict).toBe('accepted');
  });

  it('refuses a malformed credentials object with an error naming the fields, never their values', () => {
    const url = presigner('v4').url(KEY);
    const attempt = (credentials: unknown): OssduckError => {
      try {
        explain(url, { credentials: credentials as Credentials });
      } catch (error) {
        expect(error).toBeInstanceOf(OssduckError);
        return error as OssduckError;
      }
      throw new Error('no error');
    };
    const allowed = 'credentials must be a Credentials or a plain { accessKeyId, accessKeySecret, securityToken? } of non-empty strings';
    expect(attempt({ accessKeyId: ID, secret: SECRET }).format()).toBe(
      `FAILED: ODPS-0121095:Invalid arguments - ${allowed}; accessKeySecret is not a non-empty string`,
    );
    expect(attempt({ accessKeyId: '', accessKeySecret: SECRET, securityToken: 7 }).detail).toBe(
      `${allowed}; accessKeyId is not a non-empty string, securityToken is not a string`,
    );
    expect(attempt(null).detail).toBe(`${allowed}; got null`);
    expect(attempt({ accessKeyId: ID, secret: SECRET }).detail).not.toContain(SECRET);
  });
});

describe('explainPresignedUrl: awkward keys', () => {
  const AWKWARD = (JSON.parse(readFileSync(new URL('../../fixtures/awkward-keys.json', import.meta.url), 'utf8')) as { key: string }[]).map((k) => k.key);

  for (const version of ['v1', 'v4'] as const) {
    it(`${version}: accepts the URL of each awkward key for that very key, and refuses it for a look-alike`, () => {
      for (const key of AWKWARD) {
        const e = explain(presigner(version).url(`dir/${key}`));
        expect(e.verdict, JSON.stringify(key)).toBe('accepted');
        expect(e.url).toMatchObject({ key: `dir/${key}` });
      }
      // The mark is part of the name: a URL signed for \ufeffa.txt, sent for a.txt, is another request.
      const marked = presigner(version).url('dir/\ufeffa.txt').replace('%EF%BB%BF', '');
      expect(explain(marked).verdict).toBe('refused');
    });
  }
});
