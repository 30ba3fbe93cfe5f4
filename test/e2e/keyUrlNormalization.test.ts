import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintKey } from '../../src/oss/lint/lintKey.js';
import { encodePath } from '../../src/oss/signing/percentEncode.js';

const run = promisify(execFile);

/** Keys whose URL paths clients may rewrite: dot segments and runs of slashes. */
const KEYS = ['docs/../a.pdf', 'a/./b.txt', '..', './a/../../b', 'x/.', 'a//b///c', 'a//../b'];

/** The path the lint message says a browser requests, or the signed path when the key has no dot segment. */
function expectedRequest(key: string): string {
  const dot = lintKey(key).find((f) => f.code === 'dot-segment');
  if (!dot) return `/${encodePath(key)}`;
  return /requests (\/\S*?)(?:,| \()/.exec(dot.message)![1]!;
}

describe('what clients request for the URL of a key with dot segments or // runs', () => {
  let server: Server;
  let origin: string;
  /** Request targets seen, by the `k` query parameter each URL carries. */
  const seen = new Map<string, string[]>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      // The request target as sent: a URL parser would remove its dot segments itself.
      const [pathname = '', query = ''] = (req.url ?? '').split('?');
      const k = new URLSearchParams(query).get('k');
      if (k !== null) seen.set(k, [...(seen.get(k) ?? []), pathname]);
      if (pathname === '/page') {
        const images = KEYS.map((key, i) => `<img src="${origin}/${encodePath(key)}?k=chromium-${i}">`).join('');
        res.setHeader('content-type', 'text/html');
        res.end(`<!doctype html><html><body>${images}</body></html>`);
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('curl removes dot segments as the lint message says and keeps // runs; curl --path-as-is sends the path as signed', async () => {
    for (const [i, key] of KEYS.entries()) {
      const path = `/${encodePath(key)}`;
      await run('curl', ['-s', '-o', '/dev/null', `${origin}${path}?k=curl-${i}`]);
      await run('curl', ['-s', '-o', '/dev/null', '--path-as-is', `${origin}${path}?k=asis-${i}`]);
      expect(seen.get(`curl-${i}`), key).toEqual([expectedRequest(key)]);
      expect(seen.get(`asis-${i}`), key).toEqual([path]);
    }
  });

  it('fetch (undici) requests what the lint message says', async () => {
    for (const [i, key] of KEYS.entries()) {
      await (await fetch(`${origin}/${encodePath(key)}?k=fetch-${i}`)).arrayBuffer();
      expect(seen.get(`fetch-${i}`), key).toEqual([expectedRequest(key)]);
    }
  });

  it('Chromium requests what the lint message says', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'ossduck-chromium-'));
    try {
      await run('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${profile}`, '--dump-dom', `${origin}/page`], {
        timeout: 60_000,
      });
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    for (const [i, key] of KEYS.entries()) {
      expect(seen.get(`chromium-${i}`), key).toEqual([expectedRequest(key)]);
    }
  });
});
