import { Ossduck } from '../../src/Ossduck.js';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assumeRole } from '../../src/oss/StsClient.js';
import { deriveSigningKey } from '../../src/oss/signing/SignatureV4.js';
import { parseOrigin } from '../../src/oss/OssRouting.js';
import { Credentials } from '../../src/oss/Credentials.js';
import { Presigner } from '../../src/oss/signing/Presigner.js';
import { HttpProxy } from '../support/HttpProxy.js';
import { runCli } from '../support/runCli.js';
import type { CliRun } from '../support/runCli.js';
import { ServeProcess } from '../support/ServeProcess.js';
import { ShellDriver } from '../support/ShellDriver.js';

/**
 * No secret, and no key derived from one, appears anywhere a user or a
 * script can see: stdout and stderr of every CLI path (success and failure,
 * every output format, the shell, `serve`, `quickstart`), the files ossduck
 * writes (warehouse, emulator root, temporary folders, shell history), and
 * whatever SQL can select (DuckDB's catalog functions, settings, object
 * tables, DESC, SHOW CREATE TABLE). Secrets are the account's, a wrong one
 * given on purpose, and every temporary secret STS issued (the test's own
 * AssumeRole, and the ones ossduck obtained, read off a proxy). Security
 * tokens may appear only where OSS requires them: as the token parameter of
 * a signed URL.
 */

const ID = 'LTAI5tSecretsTestKey';
const SECRET = 'SecretsTestSecret-0f1e2d3c4b5a69788796';
const WRONG = 'WrongSecret-9a8b7c6d5e4f3a2b1c0d';
const BUCKET = 'secrets-bucket';
const ROLE = 'acs:ram::1234567890123456:role/secrets-test-role';
const LOCATION = `oss://oss-cn-hangzhou.aliyuncs.com/${BUCKET}/dir/`;

const SETUP = `USE sec_project;
CREATE OBJECT TABLE IF NOT EXISTS plain LOCATION '${LOCATION}' COMMENT 'plain table';
CREATE OBJECT TABLE IF NOT EXISTS roled LOCATION '${LOCATION}' WITH SERDEPROPERTIES ('odps.properties.rolearn'='${ROLE}');`;

const SIGN = `${SETUP}
ALTER TABLE plain REFRESH METADATA;
ALTER TABLE roled REFRESH METADATA;
SELECT key, GET_SIGNED_URL_FROM_OSS('sec_project.default.plain', key) AS v4,
       GET_SIGNED_URL_FROM_OSS('sec_project.default.plain', key, 600, 'PUT') AS put,
       GET_SIGNED_URL_FROM_OSS('sec_project.default.roled', key, 900) AS sts,
       STRING(GET_DATA_FROM_OSS('sec_project.default.roled', key)) AS content
  FROM sec_project.default.plain ORDER BY key;
SET ossduck.signature_version=v1;
SELECT GET_SIGNED_URL_FROM_OSS('sec_project.default.plain', 'a.txt') AS v1, GET_SIGNED_URL_FROM_OSS('sec_project.default.roled', 'a.txt') AS v1_sts;`;

/** Signing without a network call: STS credentials from the environment put the token in every URL. */
const SIGN_OFFLINE = `${SETUP}
SELECT key, GET_SIGNED_URL_FROM_OSS('sec_project.default.plain', key) AS v4, GET_SIGNED_URL_FROM_OSS('sec_project.default.plain', key, 600, 'PUT') AS put
  FROM (VALUES ('a.txt'), ('b c+d.txt'), ('中文.txt')) t(key) ORDER BY key;
SET ossduck.signature_version=v1;
SELECT GET_SIGNED_URL_FROM_OSS('sec_project.default.plain', 'a.txt') AS v1;`;

/** The temporary credentials of the test's own AssumeRole, as OSS_* variables. */
const AS_STS = { OSS_ACCESS_KEY_ID: '<temporary id>', OSS_ACCESS_KEY_SECRET: '<temporary secret>', OSS_SESSION_TOKEN: '<temporary token>' };

const FAIL = `${SETUP} SELECT GET_SIGNED_URL_FROM_OSS('sec_project.default.roled', 'a.txt', 0) AS url;`;

/** Everything SQL can see of ossduck's state, after signing in the same session so every cache is warm. */
const INTROSPECT = `${SIGN}
SELECT * FROM duckdb_settings();
SELECT * FROM duckdb_functions();
SELECT * FROM duckdb_tables();
SELECT * FROM duckdb_views();
SELECT * FROM duckdb_columns();
SELECT * FROM duckdb_databases();
SELECT * FROM duckdb_schemas();
SELECT * FROM duckdb_secrets();
SELECT * FROM duckdb_variables();
SELECT * FROM duckdb_extensions();
SELECT * FROM duckdb_dependencies();
SELECT * FROM duckdb_temporary_files();
SELECT * FROM information_schema.tables;
SELECT * FROM pragma_database_list;
SELECT * FROM sec_project.default.plain;
SELECT * FROM sec_project.default.roled;
DESC EXTENDED plain;
DESC EXTENDED roled;
SHOW CREATE TABLE roled;
SHOW TABLES;
SHOW SCHEMAS;`;

const FORMATS = ['jsonl', 'json', 'csv', 'box', 'markdown', 'line'] as const;

interface CliCase {
  readonly name: string;
  readonly args: readonly string[];
  /** Added to (or, with a value of undefined, removed from) the base environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly input?: string;
  readonly code: number;
  /** Runs whose output must hold signed URLs (to be sure the path really signed). */
  readonly signs?: boolean;
}

describe('secrets never leak', () => {
  let root: string;
  let scratch: string;
  let warehouse: string;
  let temp: string;
  let home: string;
  let history: string;
  let serve: ServeProcess;
  let proxy: HttpProxy;
  let base: Record<string, string>;
  let temporary: { accessKeyId: string; accessKeySecret: string; securityToken: string };
  const seen: { where: string; text: string }[] = [];
  /** Presigned URLs for `explain-url`, by placeholder: made in beforeAll, at the time of the run. */
  const urls = new Map<string, string>();

  const show = (where: string, text: string): void => {
    seen.push({ where, text });
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ossduck-secrets-root-'));
    scratch = mkdtempSync(join(tmpdir(), 'ossduck-secrets-'));
    warehouse = join(scratch, 'warehouse');
    temp = join(scratch, 'tmp');
    home = join(scratch, 'home');
    history = join(scratch, 'history');
    for (const dir of [temp, home, join(root, BUCKET, 'dir')]) mkdirSync(dir, { recursive: true });
    for (const name of ['a.txt', 'b c+d.txt', '中文.txt']) writeFileSync(join(root, BUCKET, 'dir', name), `content of ${name}\n`);
    serve = await ServeProcess.start(['--port', '0', '--root', root, '--verbose'], { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET });
    proxy = await HttpProxy.start(serve.ossUrl);
    // STS answers (which carry the temporary secrets ossduck is given) are kept to know what to look for.
    proxy.record((r) => r.url === '/' || r.url.startsWith('/?') || r.headers['x-acs-action'] !== undefined);
    const sts = parseOrigin(serve.stsUrl, 'sts');
    temporary = await assumeRole({
      credentials: { accessKeyId: ID, accessKeySecret: SECRET, securityToken: undefined },
      roleArn: ROLE,
      roleSessionName: 'secrets-test',
      durationSeconds: 3600,
      stsOrigin: sts,
      region: 'cn-hangzhou',
    });
    const sign = (placeholder: string, version: 'v1' | 'v4', credentials: Credentials, method = 'GET', headers: [string, string][] = []): void => {
      const presigner = new Presigner({
        version,
        credentials,
        method,
        bucket: BUCKET,
        signTime: Math.floor(Date.now() / 1000),
        expiresIn: 3600,
        region: 'cn-hangzhou',
        product: 'oss',
        headers,
        address: { scheme: 'https', host: 'oss-cn-hangzhou.aliyuncs.com', style: 'virtual' },
      });
      urls.set(placeholder, presigner.url('dir/a b+c.txt'));
    };
    sign('<url-v4>', 'v4', new Credentials({ accessKeyId: ID, accessKeySecret: SECRET }));
    sign('<url-v1>', 'v1', new Credentials({ accessKeyId: ID, accessKeySecret: SECRET }));
    sign('<url-wrong>', 'v4', new Credentials({ accessKeyId: ID, accessKeySecret: WRONG }));
    sign('<url-put>', 'v4', new Credentials({ accessKeyId: ID, accessKeySecret: SECRET }), 'PUT', [['Content-Type', 'text/plain']]);
    sign('<url-sts>', 'v4', new Credentials({ accessKeyId: temporary.accessKeyId, accessKeySecret: temporary.accessKeySecret, securityToken: temporary.securityToken }));
    base = {
      OSS_ACCESS_KEY_ID: ID,
      OSS_ACCESS_KEY_SECRET: SECRET,
      OSSDUCK_OSS_ENDPOINT: proxy.url,
      OSSDUCK_STS_ENDPOINT: proxy.url,
      TMPDIR: temp,
      HOME: home,
      OSSDUCK_HISTORY: history,
    };
  }, 60_000);

  afterAll(async () => {
    await proxy?.close();
    await serve?.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Every command-line path, each checked like every other. */
  const CLI_COMMANDS: readonly CliCase[] = [
    ...FORMATS.map((format): CliCase => ({ name: `signing with STS credentials, --format ${format}`, args: ['--format', format, '-c', SIGN_OFFLINE], env: AS_STS, code: 0, signs: true })),
    ...FORMATS.map((format): CliCase => ({ name: `failing statement, --format ${format}`, args: ['--format', format, '-c', FAIL], code: 1 })),
    { name: 'REFRESH, RoleARN signing through AssumeRole and GET_DATA_FROM_OSS on a --db warehouse', args: ['--db', '<warehouse>', '--format', 'jsonl', '-c', SIGN], code: 0, signs: true },
    { name: 'SQL introspection of every catalog function, setting and table', args: ['--db', '<warehouse>', '--format', 'jsonl', '-c', INTROSPECT], code: 0, signs: true },
    { name: 'script file (-f)', args: ['--format', 'csv', '-f', '<script>'], env: AS_STS, code: 0, signs: true },
    { name: 'script on standard input', args: ['--format', 'line'], input: SIGN_OFFLINE, env: AS_STS, code: 0, signs: true },
    { name: 'output past 32 MB, spilled to a temporary file', args: ['--format', 'csv', '-c', `${SETUP} SELECT GET_SIGNED_URL_FROM_OSS('sec_project.default.plain', 'k/' || i::VARCHAR, 3600) AS u FROM range(60000) t(i);`], env: AS_STS, code: 0, signs: true },
    { name: 'REFRESH with a wrong secret (OSS SignatureDoesNotMatch)', args: ['-c', `${SETUP} ALTER TABLE plain REFRESH METADATA;`], env: { OSS_ACCESS_KEY_SECRET: WRONG }, code: 1 },
    { name: 'AssumeRole with a wrong secret (STS SignatureDoesNotMatch)', args: ['-c', `${SETUP} SELECT GET_SIGNED_URL_FROM_OSS('sec_project.default.roled', 'a.txt');`], env: { OSS_ACCESS_KEY_SECRET: WRONG }, code: 1 },
    { name: 'GET_DATA_FROM_OSS with a wrong secret, OSSDUCK_DEBUG=1', args: ['-c', `${SETUP} SELECT GET_DATA_FROM_OSS('sec_project.default.plain', 'a.txt', 0, -1, 'THROW_EXCEPTION');`], env: { OSS_ACCESS_KEY_SECRET: WRONG, OSSDUCK_DEBUG: '1' }, code: 1 },
    { name: 'REFRESH with STS credentials from the environment (OSS_SESSION_TOKEN)', args: ['--format', 'jsonl', '-c', `${SETUP} ALTER TABLE plain REFRESH METADATA; SELECT key, GET_SIGNED_URL_FROM_OSS('sec_project.default.plain', key) AS url FROM plain;`], env: AS_STS, code: 0, signs: true },
    { name: 'STS credentials with a token of another key', args: ['-c', `${SETUP} ALTER TABLE plain REFRESH METADATA;`], env: { OSS_SESSION_TOKEN: '<temporary token>' }, code: 1 },
    { name: 'the ALIBABA_CLOUD_* credentials chain', args: ['--format', 'csv', '-c', SIGN_OFFLINE], env: { OSS_ACCESS_KEY_ID: undefined, OSS_ACCESS_KEY_SECRET: undefined, ALIBABA_CLOUD_ACCESS_KEY_ID: ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET }, code: 0, signs: true },
    { name: 'a secret without its key id', args: ['-c', `${SETUP} SELECT GET_SIGNED_URL_FROM_OSS('sec_project.default.plain', 'a.txt');`], env: { OSS_ACCESS_KEY_ID: undefined }, code: 1 },
    { name: 'a command line it cannot read', args: ['--format', 'nope', '-c', 'SELECT 1'], code: 2 },
    { name: 'a script file that does not exist', args: ['-f', '/nonexistent/job.sql'], code: 2 },
    { name: '--help', args: ['--help'], code: 0 },
    { name: '--version', args: ['--version'], code: 0 },
    { name: 'serve with a bad port', args: ['serve', '--port', 'http'], code: 2 },
    { name: 'serve --help', args: ['serve', '--help'], code: 0 },
    { name: 'explain-url, an accepted V4 URL', args: ['explain-url', '<url-v4>'], code: 0 },
    { name: 'explain-url, an accepted V4 URL, --format json', args: ['explain-url', '--format', 'json', '<url-v4>'], code: 0 },
    { name: 'explain-url, an accepted V1 URL', args: ['explain-url', '<url-v1>'], code: 0 },
    { name: 'explain-url, an accepted STS URL with its temporary credentials', args: ['explain-url', '<url-sts>'], env: AS_STS, code: 0 },
    { name: 'explain-url, a URL signed with another secret (canonical request shown)', args: ['explain-url', '<url-wrong>'], code: 1 },
    { name: 'explain-url, a URL signed with another secret, --format json', args: ['explain-url', '--format', 'json', '<url-wrong>'], code: 1 },
    { name: 'explain-url, an STS URL checked with the base account', args: ['explain-url', '--format', 'json', '<url-sts>'], code: 1 },
    { name: 'explain-url, a PUT URL used with another Content-Type', args: ['explain-url', '-X', 'PUT', '-H', 'Content-Type: application/json', '<url-put>'], code: 1 },
    { name: 'explain-url, judged after it expired', args: ['explain-url', '--at', '2099-01-01T00:00:00Z', '<url-v4>'], code: 1 },
    { name: 'explain-url, a URL it cannot read', args: ['explain-url', 'not a url'], code: 2 },
  ];

  function envFor(c: CliCase): Record<string, string> {
    const env: Record<string, string> = { ...base };
    for (const [name, value] of Object.entries(c.env ?? {})) {
      if (value === undefined) delete env[name];
      else env[name] = value.replace('<temporary id>', temporary.accessKeyId).replace('<temporary secret>', temporary.accessKeySecret).replace('<temporary token>', temporary.securityToken);
    }
    return env;
  }

  it('runs every CLI path, successful and failing, in every output format', async () => {
    const script = join(scratch, 'job.sql');
    writeFileSync(script, SIGN_OFFLINE);
    const pending = [...CLI_COMMANDS];
    // Runs on the warehouse share one DuckDB lock: they go one after the other, the rest three at a time.
    const onWarehouse = pending.filter((c) => c.args.includes('<warehouse>'));
    const elsewhere = pending.filter((c) => !c.args.includes('<warehouse>'));
    const runOne = async (c: CliCase): Promise<void> => {
      const args = c.args.map((a) => urls.get(a) ?? a.replace('<warehouse>', warehouse).replace('<script>', script));
      const run: CliRun = await runCli(args, { env: envFor(c), input: c.input, cwd: scratch });
      show(`${c.name}: stdout`, run.stdout);
      show(`${c.name}: stderr`, run.stderr);
      expect(run.code, `${c.name}: ${run.stderr.slice(0, 500)}`).toBe(c.code);
      // (box cuts long values: the URL shows its start only)
      if (c.signs) expect(run.stdout, c.name).toMatch(/\?(x-|Expires=)/);
    };
    const queue = [...elsewhere];
    const worker = async (): Promise<void> => {
      for (let c = queue.shift(); c !== undefined; c = queue.shift()) await runOne(c);
    };
    await Promise.all([
      (async () => {
        for (const c of onWarehouse) await runOne(c);
      })(),
      worker(),
      worker(),
    ]);
  }, 240_000);

  it('runs the shell (in-memory driver) through every mode, dot commands and an error', async () => {
    const env = { ...base };
    const driver = new ShellDriver({
      env,
      historyFile: history,
      open: (db) =>
        Ossduck.open({
          warehouse: db,
          env,
          // Straight to the emulator: the proxy lives on this thread, which a signing function blocks while
          // its worker fetches an STS token. The temporary secrets this path obtains are not read off the wire
          // here; the CLI runs above take the same path through the proxy, and theirs are checked.
          ossEndpoint: serve.ossUrl,
          stsEndpoint: serve.stsUrl,
        }),
    });
    const lines = [...SIGN.split('\n'), '.tables', '.schema', '.timer on'];
    for (const format of FORMATS) {
      lines.push(`.mode ${format}`, "SELECT GET_SIGNED_URL_FROM_OSS('sec_project.default.roled', 'a.txt') AS url;");
    }
    lines.push("SELECT GET_SIGNED_URL_FROM_OSS('sec_project.default.roled', 'a.txt', -5);", '.read /nonexistent.sql', `.open ${join(scratch, 'shell-warehouse')}`, SETUP, '.tables');
    driver.type(`${lines.join('\n')}\n`);
    expect(await driver.end()).toBe(0);
    show('shell output', driver.output.text);
    show('shell errors', driver.errors.text);
    expect(driver.output.text).toMatch(/[?&](x-oss-)?security-token=/);
    expect(driver.errors.text).toContain('timeToLiveSeconds');
  }, 120_000);

  it('runs quickstart and an embedded-OSS warehouse, whose random account it cannot know, and prints nothing shaped like their secret', async () => {
    const quick = await runCli(['quickstart'], { env: { TMPDIR: temp, HOME: home } });
    expect(quick.code).toBe(0);
    const embedded = await runCli(['--db', join(scratch, 'embedded'), '--format', 'jsonl', '-c', `USE sec_project; CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/x-bucket/d/'; SELECT GET_SIGNED_URL_FROM_OSS('sec_project.default.t', 'k') AS url, * FROM duckdb_settings();`], { env: { TMPDIR: temp, HOME: home } });
    expect(embedded.code).toBe(0);
    for (const [where, text] of [['quickstart', quick.stdout + quick.stderr], ['embedded', embedded.stdout + embedded.stderr]] as const) {
      show(where, text);
      // The embedded account's secret is 24 random bytes in base64url: 32 such characters, with upper- and
      // lower-case letters (all but surely), unlike hex digests and DuckDB's snake_case setting names.
      const shaped = withoutUrlParameters(text).match(/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/g) ?? [];
      expect(shaped.filter((w) => /[A-Z]/.test(w) && /[a-z]/.test(w) && !/^[0-9A-Fa-f]+$/.test(w)), where).toEqual([]);
    }
    // The temporary emulator roots are gone.
    expect(readdirSync(temp).filter((n) => n.startsWith('ossduck-oss-') || n.startsWith('ossduck-out-'))).toEqual([]);
  }, 120_000);

  it('finds no secret or derived signing key in anything shown, written or selectable, and tokens only inside signed URLs', () => {
    // The temporary secrets ossduck was given, off the proxy.
    const issued = proxy.recorded.flatMap((r) => {
      try {
        const c = (JSON.parse(r.body) as { Credentials?: { AccessKeySecret?: string; SecurityToken?: string } }).Credentials;
        return c?.AccessKeySecret && c.SecurityToken ? [{ secret: c.AccessKeySecret, token: c.SecurityToken }] : [];
      } catch {
        return [];
      }
    });
    expect(issued.length, 'ossduck obtained STS credentials through the proxy').toBeGreaterThan(0);
    const secrets = [SECRET, WRONG, temporary.accessKeySecret, ...issued.map((i) => i.secret)];
    const tokens = [temporary.securityToken, ...issued.map((i) => i.token)];
    const needles = secretForms(secrets);

    show('ossduck serve --verbose stderr', serve.stderr);
    const files = [...filesUnder(scratch), ...filesUnder(root)];
    expect(files.some((f) => f.endsWith('.duckdb'))).toBe(true);
    expect(files).toContain(history);

    const found: string[] = [];
    for (const { where, text } of seen) {
      for (const [label, needle] of needles) if (text.includes(needle)) found.push(`${label} in ${where}`);
      const outsideUrls = withoutUrlParameters(text);
      for (const token of tokens) for (const form of [token, encodeURIComponent(token)]) if (outsideUrls.includes(form)) found.push(`a security token outside a signed URL in ${where}`);
    }
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const [label, needle] of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push(`${label} in file ${file}`);
      for (const token of tokens) if (bytes.includes(Buffer.from(token, 'utf8'))) found.push(`a security token in file ${file}`);
    }
    expect(found).toEqual([]);
  });
});

/** Text with the values of signed-URL query parameters cut out (a token must travel there, and only there). */
function withoutUrlParameters(text: string): string {
  return text.replace(/([?&][A-Za-z0-9-]+=)[^&\s"',|│<>]*/g, '$1');
}

/** Each secret as written, URL-encoded and JSON-escaped, and its V4 signing keys around today in hex, base64 and base64url. */
function secretForms(secrets: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  const days = [-1, 0, 1].map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10).replaceAll('-', ''));
  for (const [i, secret] of secrets.entries()) {
    out.push([`secret #${i}`, secret], [`secret #${i} URL-encoded`, encodeURIComponent(secret)], [`secret #${i} RPC key`, `${secret}&`]);
    for (const day of days) {
      for (const product of ['oss', 'oss-cloudbox']) {
        const key = deriveSigningKey(secret, day, 'cn-hangzhou', product);
        out.push([`signing key of secret #${i} (${day}, hex)`, key.toString('hex')]);
        out.push([`signing key of secret #${i} (${day}, base64)`, key.toString('base64')]);
        out.push([`signing key of secret #${i} (${day}, base64url)`, key.toString('base64url')]);
      }
    }
  }
  return out;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // tsx's transform cache (the children run the TypeScript sources when dist/ is stale): compiled sources only.
    if (entry.isDirectory() && /^tsx-\d+$/.test(entry.name)) continue;
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile() && statSync(path).size < 512 * 1024 * 1024) out.push(path);
  }
  return out;
}
