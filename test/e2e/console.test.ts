import { execFile } from 'node:child_process';
import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import OSS from 'ali-oss';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { Chromium } from '../support/Chromium.js';
import { ServeProcess } from '../support/ServeProcess.js';

/**
 * The console of a real `ossduck serve`, in a real Chromium (Debian's, driven
 * by playwright-core), fed by real curl. Screenshots go to test-output/.
 */

const exec = promisify(execFile);
const ID = 'LTAI5tE2eConsoleKey';
const SECRET = 'E2eConsoleSecret-never-shown-4711';
const BUCKET = 'object-table-test';
const CONTENT = 'test maxcompute download files by url';
const OUTPUT = join(process.cwd(), 'test-output');

/** Real curl: status, the x-oss-request-id, body. */
async function curl(url: string, args: readonly string[] = []): Promise<{ status: number; requestId: string; body: string }> {
  const { stdout } = await exec('curl', ['-s', '-g', '-D', '-', '-o', '-', ...args, url], { maxBuffer: 4 * 1024 * 1024 });
  const split = stdout.indexOf('\r\n\r\n');
  const head = stdout.slice(0, split);
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]),
    requestId: /^x-oss-request-id: (\S+)/im.exec(head)?.[1] ?? '',
    body: stdout.slice(split + 4),
  };
}

/** In-page predicates, as source text: they run in Chromium, where there is a DOM. */
const rowCount = `(count) => document.querySelectorAll('tr[data-seq]').length === count`;
const servedRows = `({ key, count }) => [...document.querySelectorAll('tr[data-status="200"]')].filter((r) => (r.textContent ?? '').includes(key)).length === count`;

describe('ossduck serve: the web console in Chromium', () => {
  let root: string;
  let serve: ServeProcess;
  let browser: Chromium;
  let page: Page;
  let base: string;
  let accessLog: string;
  const pageErrors: string[] = [];
  /** Every console API answer the page received, and the event stream read beside it. */
  const apiBodies: string[] = [];
  let stream = '';
  let streamResponse: IncomingMessage | undefined;
  /** Signatures and tokens of the requests curl sent, none of which may be shown whole. */
  const sentSecrets: string[] = [SECRET];
  let tamperedId = '';

  const credentials = new Credentials({ accessKeyId: ID, accessKeySecret: SECRET });
  const sign = (key: string, creds = credentials): string =>
    serve.presigner({ credentials: creds, bucket: BUCKET, method: 'GET' }).url(key);
  const remember = (url: string): string => {
    const params = new URL(url).searchParams;
    for (const name of ['x-oss-signature', 'Signature', 'x-oss-security-token', 'security-token']) {
      const value = params.get(name);
      if (value) sentSecrets.push(value);
    }
    return url;
  };

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    root = mkdtempSync(join(tmpdir(), 'ossduck-e2e-console-'));
    const folder = join(root, 'oss', BUCKET, 'object_table_folder');
    mkdirSync(join(folder, 'day=2026-12-05'), { recursive: true });
    writeFileSync(join(folder, 'signedget.txt'), CONTENT);
    writeFileSync(join(folder, 'day=2026-12-05', 'part-0.csv'), 'id,name\n1,duck\n');
    mkdirSync(join(root, 'oss', 'logs'));
    accessLog = join(root, 'access.log');
    serve = await ServeProcess.start(['--port', '0', '--root', join(root, 'oss'), '--access-log', accessLog], { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET });
    base = serve.consoleUrl!;
    browser = await Chromium.launch({ hostRules: 'MAP rebind.test 127.0.0.1' });
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('response', async (response) => {
      if (!response.url().includes('/-/console/api/') || response.url().endsWith('/events')) return;
      apiBodies.push(await response.text().catch(() => ''));
    });
    // The same event stream the page reads, read beside it.
    await new Promise<void>((resolve, reject) => {
      const u = new URL(`${base}api/events`);
      const req = request({ host: u.hostname, port: u.port, path: u.pathname, agent: false }, (res) => {
        streamResponse = res;
        res.setEncoding('utf8').on('data', (chunk: string) => (stream += chunk));
        resolve();
      });
      req.on('error', reject);
      req.end();
    });
  });

  afterAll(async () => {
    streamResponse?.destroy();
    await browser?.close();
    await serve?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('prints its console URL and loads it with no console errors', async () => {
    expect(base).toBe(`${serve.ossUrl}/-/console/`);
    await page.goto(base);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#live[data-state="live"]');
    expect(await page.textContent('#endpoint')).toBe(serve.ossUrl);
    expect(await page.textContent('#account')).toBe(ID);
    expect(pageErrors).toEqual([]);
  });

  it('shows a presigned GET made with curl in the live list within a second', async () => {
    const got = await curl(remember(sign('object_table_folder/signedget.txt')));
    expect(got.status).toBe(200);
    expect(got.body).toBe(CONTENT);
    const row = await page.waitForSelector(`tr[data-request-id="${got.requestId}"]`, { timeout: 1000 });
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('GET');
    expect(text).toContain('200');
    expect(text).toContain('object_table_folder/signedget.txt');
    expect(text).toContain('V4 URL');
  });

  it('shows a tampered URL as 403 SignatureDoesNotMatch, and its detail names the cause', async () => {
    const tampered = remember(sign('object_table_folder/signedget.txt')).replace('x-oss-expires=3600', 'x-oss-expires=86400');
    const got = await curl(tampered);
    expect(got.status).toBe(403);
    expect(got.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    tamperedId = got.requestId;
    const row = await page.waitForSelector(`tr[data-request-id="${got.requestId}"]`, { timeout: 1000 });
    expect(await row.textContent()).toContain('403SignatureDoesNotMatch');
    await row.click();
    const cause = await page.waitForSelector('#request-detail .cause-text');
    expect(await cause.textContent()).toContain('x-oss-expires was changed from 3600 to 86400 after signing');
    // What the signer signed beside what the server computed, the change marked.
    const marks = await page.$$eval('#request-detail .compare mark', (nodes) => nodes.map((n) => n.textContent));
    expect(marks).toEqual(expect.arrayContaining(['36', '864']));
    expect(await page.textContent('#request-detail')).toContain('Signed by the client');
    await page.screenshot({ path: join(OUTPUT, 'console-refused-request.png') });
    await page.click('#theme');
    await page.waitForSelector('html[data-theme="dark"]');
    await page.screenshot({ path: join(OUTPUT, 'console-refused-request-dark.png') });
    await page.click('#theme');
    await page.waitForSelector('html[data-theme="light"]');
    expect(pageErrors).toEqual([]);
  });

  it('filters the list by status, bucket and key', async () => {
    await page.click('.segmented button[data-status="refused"]');
    await page.waitForSelector('tr[data-seq]:not([data-verdict="refused"])', { state: 'detached' });
    expect(await page.$$eval('tr[data-seq]', (rows) => rows.length)).toBe(1);
    await page.click('.segmented button[data-status="all"]');
    await page.fill('#filter-key', 'no-such-key');
    await page.waitForSelector('tr[data-seq]', { state: 'detached' });
    await page.fill('#filter-key', 'signedget');
    await page.fill('#filter-bucket', BUCKET);
    await page.waitForFunction(rowCount, 2);
    await page.fill('#filter-key', '');
    await page.fill('#filter-bucket', '');
  });

  it('browses buckets and folders, and downloads an object through a short-lived presigned URL', async () => {
    await page.goto(`${base}#/buckets/${BUCKET}`);
    await page.click('a.folder-link:has-text("object_table_folder/")');
    await page.click('a.folder-link:has-text("day=2026-12-05/")');
    await page.waitForSelector('tr[data-key="object_table_folder/day=2026-12-05/part-0.csv"]');
    await page.click('a.crumb:has-text("object_table_folder")');
    const row = await page.waitForSelector('tr[data-key="object_table_folder/signedget.txt"]');
    expect(await row.textContent()).toContain('37 B');
    await row.click();
    await page.waitForSelector('#object-detail .facts');
    expect(await page.textContent('#object-detail')).toContain('CRC-64');
    await page.screenshot({ path: join(OUTPUT, 'console-objects.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#object-detail button.primary')]);
    expect(download.suggestedFilename()).toBe('signedget.txt');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(CONTENT);
    // The download is an OSS request like any other: it shows in the list.
    await page.goto(`${base}#/requests`);
    await page.waitForFunction(servedRows, { key: 'signedget.txt', count: 2 });
    expect(pageErrors).toEqual([]);
  });

  it('refuses a page reached under another name (DNS rebinding) and a foreign Origin', async () => {
    const port = new URL(base).port;
    const rebound = await browser.context.newPage();
    try {
      const response = await rebound.goto(`http://rebind.test:${port}/-/console/`);
      expect(response?.status()).toBe(403);
      expect(await rebound.textContent('body')).toContain(`ossduck console: refused: Host 'rebind.test:${port}' is not this console's address`);
    } finally {
      await rebound.close();
    }
    const foreign = await curl(`${base}api/buckets`, ['-H', 'Origin: http://attacker.example']);
    expect(foreign.status).toBe(403);
    expect(foreign.body).toContain("Origin 'http://attacker.example' is not this console's");
    const mint = await curl(`${base}api/presign`, ['-X', 'POST', '-H', 'Origin: http://attacker.example', '-H', 'Content-Type: application/json', '-d', `{"bucket":"${BUCKET}","key":"object_table_folder/signedget.txt"}`]);
    expect(mint.status).toBe(403);
    expect(mint.body).not.toContain('x-oss-signature');
  });

  it('shows no secret, whole signature or whole security token in the page, its API answers or its event stream', async () => {
    const sts = new OSS.STS({ accessKeyId: ID, accessKeySecret: SECRET, endpoint: serve.stsUrl } as never);
    const role = (await sts.assumeRole('acs:ram::1234567890123456:role/etl', undefined, 900, 'console-e2e')) as unknown as { credentials: Record<string, string> };
    const temporary = new Credentials({
      accessKeyId: role.credentials['AccessKeyId']!,
      accessKeySecret: role.credentials['AccessKeySecret']!,
      securityToken: role.credentials['SecurityToken']!,
    });
    sentSecrets.push(temporary.revealSecret(), temporary.securityToken!);
    const stsUrl = remember(`${sign('object_table_folder/signedget.txt', temporary)}&response-content-type=text%2Fhtml`);
    const got = await curl(stsUrl);
    expect(got.status).toBe(403);
    const row = await page.waitForSelector(`tr[data-request-id="${got.requestId}"]`, { timeout: 1000 });
    expect(await row.textContent()).toContain('V4 URL · STS');
    await row.click();
    await page.waitForSelector('#request-detail .cause-text:has-text("response-content-type")');
    await page.click(`tr[data-request-id="${tamperedId}"]`);
    await page.waitForSelector('#request-detail .cause-text:has-text("x-oss-expires")');
    const html = await page.content();
    expect(stream).toContain(got.requestId);
    const everything = [html, ...apiBodies, stream].join('\n');
    expect(everything).toContain('SignatureDoesNotMatch');
    expect(everything).toContain(`${temporary.securityToken!.slice(0, 8)}…`);
    for (const secret of sentSecrets) expect(everything).not.toContain(secret);
  });

  it('wrote the access log: one JSON line per request, no secret', async () => {
    const text = readFileSync(accessLog, 'utf8');
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const ossLines = lines.filter((l) => l['service'] === 'oss');
    expect(ossLines[0]).toMatchObject({
      method: 'GET', bucket: BUCKET, key: 'object_table_folder/signedget.txt', auth: 'v4-query', signatureVersion: 'v4', accessKeyId: ID,
      sts: false, status: 200, code: null, verdict: 'served', bytesOut: CONTENT.length,
    });
    expect(Date.parse(String(ossLines[0]!['expiresAt'])) - Date.parse(String(ossLines[0]!['time']))).toBeGreaterThan(3500_000);
    expect(lines.find((l) => l['requestId'] === tamperedId)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch', verdict: 'refused' });
    expect(lines.filter((l) => l['service'] === 'sts')).toHaveLength(1);
    expect(ossLines.filter((l) => l['sts'] === true)).toHaveLength(1);
    for (const secret of sentSecrets) expect(text).not.toContain(secret);
  });
});
