import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { explainUrlCommand, parseHeaderOptions, parseInstantOption } from '../../src/cli/explainUrlCommand.js';
import type { CliIo } from '../../src/cli/CliIo.js';
import { UsageError } from '../../src/cli/UsageError.js';
import { Credentials } from '../../src/oss/Credentials.js';
import { Presigner } from '../../src/oss/signing/Presigner.js';
import type { PresignSpec } from '../../src/oss/signing/Presigner.js';
import { runCli } from '../support/runCli.js';

const FIXED = Date.UTC(2026, 10, 23, 12, 0, 0);
const ID = 'LTAI5tCliExplain';
const SECRET = 'CliExplainSecret-never-printed';
const TOKEN = `CAIS${'tokenbody'.repeat(12)}`;
const ENV = { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET };

function sign(version: 'v1' | 'v4', key = 'dir/a b.txt', extra: Partial<PresignSpec> = {}): string {
  return new Presigner({
    version,
    credentials: new Credentials({ accessKeyId: ID, accessKeySecret: SECRET }),
    method: 'GET',
    bucket: 'examplebucket',
    signTime: FIXED / 1000,
    expiresIn: 3600,
    region: 'cn-hangzhou',
    product: 'oss',
    address: { scheme: 'https', host: 'oss-cn-hangzhou.aliyuncs.com', style: 'virtual' },
    ...extra,
  }).url(key);
}

class Collect extends PassThrough {
  text = '';
  constructor() {
    super();
    this.setEncoding('utf8');
    this.on('data', (d: string) => (this.text += d));
  }
}

async function run(argv: string[], env: Record<string, string> = ENV): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Collect();
  const stderr = new Collect();
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env };
  const code = await explainUrlCommand(argv, io, () => FIXED + 60_000);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('parseHeaderOptions', () => {
  it("reads 'Name: value' as curl's -H does, and 'Name:' removes the header", () => {
    expect(parseHeaderOptions(['Content-Type: text/plain', 'x-oss-meta-a:  b c '])).toEqual([['Content-Type', 'text/plain'], ['x-oss-meta-a', 'b c']]);
    expect(parseHeaderOptions(['Content-Type: text/plain', 'content-type:'])).toEqual([]);
    expect(parseHeaderOptions(['Range: bytes=0-1', 'Range: bytes=2-3'])).toEqual([['Range', 'bytes=0-1'], ['Range', 'bytes=2-3']]);
  });

  it('refuses text without a colon or with a bad name', () => {
    expect(() => parseHeaderOptions(['Content-Type text/plain'])).toThrow(UsageError);
    expect(() => parseHeaderOptions(['Bad Name: x'])).toThrow(/must be 'NAME: VALUE'/);
  });
});

describe('parseInstantOption', () => {
  it('reads ISO 8601 instants with Z or an offset', () => {
    expect(parseInstantOption('2026-11-23T12:00:00Z')).toBe(FIXED);
    expect(parseInstantOption('2026-11-23T20:00:00+08:00')).toBe(FIXED);
    expect(parseInstantOption('2026-11-23T20:00+0800')).toBe(FIXED);
    expect(parseInstantOption('2026-11-23T12:00:00.500Z')).toBe(FIXED + 500);
  });

  it('refuses wall times without an offset and other text', () => {
    for (const text of ['2026-11-23T12:00:00', '2026-11-23', 'tomorrow', '2026-13-45T99:00:00Z']) {
      expect(() => parseInstantOption(text), text).toThrow(/not an ISO-8601 instant with Z or an offset/);
    }
  });
});

describe('ossduck explain-url', () => {
  it('reports a valid URL field by field and exits 0', async () => {
    const { code, stdout, stderr } = await run([sign('v4')]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Presigned OSS URL, signature V4 (OSS4-HMAC-SHA256), judged at 2026-11-23T12:01:00Z for GET with no headers');
    expect(lines).toContain('  host            https://examplebucket.oss-cn-hangzhou.aliyuncs.com (virtual-hosted: the bucket in the host)');
    expect(lines).toContain('  key             dir/a b.txt');
    expect(lines).toContain('  region          cn-hangzhou, product oss (from x-oss-credential)');
    expect(lines).toContain('  AccessKeyId     LTAI5tCliExplain');
    expect(lines).toContain('  signed at       2026-11-23T12:00:00Z');
    expect(lines).toContain('  expires         2026-11-23T13:00:00Z (x-oss-expires 3600 s; 59 min left)');
    expect(lines).toContain('  security token  none');
    expect(lines).toContain('  ok    signature       matches: signed with the environment\'s secret for exactly this request (GET, no headers)');
    expect(lines).toContain('ACCEPTED: OSS would accept it: the signature matches GET with no headers; valid for another 59 min');
  });

  it('judges at --at, and says by how much a URL expired; exit 1', async () => {
    const { code, stdout } = await run(['--at', '2026-11-23T15:00:00+00:00', sign('v1')]);
    expect(code).toBe(1);
    expect(stdout).toContain('  expires         2026-11-23T13:00:00Z (expired 2 h ago)');
    expect(stdout).toContain('REFUSED: it expired 2 h ago, at 2026-11-23T13:00:00Z (OSS: AccessDenied, Request has expired)');
    expect(stdout).toContain('OSS answers 403 AccessDenied: Request has expired.');
  });

  it('on a mismatch prints the canonical request and string to sign ossduck expects, the token shortened', async () => {
    const url = sign('v4', 'dir/a b.txt', { credentials: new Credentials({ accessKeyId: ID, accessKeySecret: SECRET, securityToken: TOKEN }) });
    const { code, stdout } = await run(['-X', 'PUT', '-H', 'Content-Type: text/plain', url], { ...ENV, OSS_SESSION_TOKEN: TOKEN });
    expect(code).toBe(1);
    expect(stdout).toContain('for PUT with Content-Type: text/plain');
    expect(stdout).toContain('it matches a GET (not PUT) without the headers given: it was signed for none of Content-Type; send none');
    expect(stdout).toContain('Canonical request ossduck expects:\n    PUT\n    /examplebucket/dir/a%20b.txt\n');
    expect(stdout).toContain(`x-oss-security-token=<security token CAIStoke… (${TOKEN.length} characters)>`);
    expect(stdout).toContain('String to sign ossduck expects:\n    OSS4-HMAC-SHA256\n    20261123T120000Z\n    20261123/cn-hangzhou/oss/aliyun_v4_request\n');
    expect(stdout).toContain(`  security token  CAIStoke… (${TOKEN.length} characters)`);
    expect(stdout).not.toContain(TOKEN);
    expect(stdout).not.toContain(SECRET);
  });

  it('writes JSON with --format json', async () => {
    const { code, stdout } = await run(['--format', 'json', sign('v1')]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as Record<string, unknown> & { url: Record<string, unknown>; checks: unknown[] };
    expect(json['verdict']).toBe('accepted');
    expect(json['oss']).toBeNull();
    expect(json.url).toMatchObject({ version: 'v1', bucket: 'examplebucket', key: 'dir/a b.txt', expiresAt: '2026-11-23T13:00:00Z', secondsLeft: 3540 });
    expect(json.checks).toHaveLength(6);
  });

  it('without credentials checks the rest, says it cannot check the signature, and exits 1', async () => {
    const { code, stdout } = await run([sign('v4')], {});
    expect(code).toBe(1);
    expect(stdout).toContain(
      'UNVERIFIED: no problem found, but the signature is not checked: no credentials in the environment: set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET (and OSS_SESSION_TOKEN) to check it',
    );
  });

  it('verifies with the ALIBABA_CLOUD_* variables too', async () => {
    const { code } = await run([sign('v4')], { ALIBABA_CLOUD_ACCESS_KEY_ID: ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET });
    expect(code).toBe(0);
  });

  const USAGE: [string[], Record<string, string>, RegExp][] = [
    [[], ENV, /give the URL to explain/],
    [['not a url'], ENV, /^ossduck explain-url: 'not a url' is not a URL/],
    [['https://examplebucket.oss-cn-hangzhou.aliyuncs.com/a.txt'], ENV, /^ossduck explain-url: the URL is not presigned/],
    [['--at', 'noon', sign('v4')], ENV, /--at 'noon' is not an ISO-8601 instant/],
    [['--method', 'G E T', sign('v4')], ENV, /--method 'G E T' is not an HTTP method/],
    [['--format', 'xml', sign('v4')], ENV, /--format 'xml' is not allowed/],
    [['--access-key-secret', SECRET, sign('v4')], ENV, /unknown option '--access-key-secret'/],
    [[sign('v4'), sign('v1')], ENV, /unexpected argument/],
    [['--bucket', 'other', sign('v4')], ENV, /--bucket other contradicts the URL/],
    [[sign('v4')], { OSS_ACCESS_KEY_ID: ID }, /OSS_ACCESS_KEY_SECRET is not set while OSS_ACCESS_KEY_ID is/],
  ];
  for (const [argv, env, message] of USAGE) {
    it(`exits 2 with one line for ${JSON.stringify(argv.map((a) => (a.length > 40 ? `${a.slice(0, 37)}...` : a)))}`, async () => {
      const { code, stdout, stderr } = await run(argv, env);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(message);
      expect(stderr).not.toContain(SECRET);
    });
  }

  it('runs as a subcommand of the real ossduck command', async () => {
    const help = await runCli(['explain-url', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: ossduck explain-url [options] '<url>'");
    expect(help.stdout).toContain("-H, --header 'NAME: VALUE'");
    const judged = await runCli(['explain-url', '--at', '2026-11-23T12:30:00Z', sign('v1')], { env: ENV });
    expect(judged.code).toBe(0);
    expect(judged.stdout).toContain('ACCEPTED: OSS would accept it');
    const top = await runCli(['--help']);
    expect(top.stdout).toContain("ossduck explain-url '<url>'");
  });
});
