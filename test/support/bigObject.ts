import { createHash } from 'node:crypto';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const CHUNK = 1024 * 1024;

/**
 * `size` bytes of generated content, 1 MiB at a time: a fixed pattern with the
 * chunk number in its first eight bytes, so no two chunks are alike and
 * nothing bigger than one chunk is ever held.
 */
export function* generatedContent(size: number): Generator<Buffer> {
  const pattern = Buffer.alloc(CHUNK);
  for (let i = 0; i < CHUNK; i++) pattern[i] = (i * 31 + 7) & 0xff;
  for (let offset = 0, n = 0; offset < size; offset += CHUNK, n++) {
    const chunk = Buffer.from(pattern.subarray(0, Math.min(CHUNK, size - offset)));
    if (chunk.length >= 8) chunk.writeBigUInt64BE(BigInt(n), 0);
    yield chunk;
  }
}

/** MD5 (upper-case hex, as OSS's ETag) of `generatedContent(size)`. */
export function generatedMd5(size: number): string {
  const md5 = createHash('md5');
  for (const chunk of generatedContent(size)) md5.update(chunk);
  return md5.digest('hex').toUpperCase();
}

export interface StreamedResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly bytes: number;
  readonly md5: string;
  readonly text: string;
}

/** Sends a request, streaming `body` (if any), and reads the answer through an MD5 (the first 64 KB kept as text). */
export function streamRequest(url: string, method: string, body?: { size: number; chunks: Iterable<Buffer> }, headers: Record<string, string> = {}): Promise<StreamedResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        method,
        path: rawPath(url),
        headers: body ? { ...headers, 'Content-Length': String(body.size) } : headers,
        agent: false,
      },
      (res) => {
        const md5 = createHash('md5');
        let bytes = 0;
        let text = '';
        res.on('data', (chunk: Buffer) => {
          md5.update(chunk);
          bytes += chunk.length;
          if (text.length < 65536) text += chunk.toString('utf8');
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, md5: md5.digest('hex').toUpperCase(), text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (!body) {
      req.end();
      return;
    }
    pipeline(Readable.from(body.chunks), req).catch(reject);
  });
}

/** The path and query of an absolute URL exactly as written (URL would resolve dot segments such as `/bkt/../x`). */
function rawPath(url: string): string {
  return url.slice(url.indexOf('/', url.indexOf('//') + 2));
}
