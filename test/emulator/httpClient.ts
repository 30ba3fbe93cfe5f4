import { request } from 'node:http';
import { Credentials } from '../../src/oss/Credentials.js';
import { signHeaderV1, signHeaderV4 } from '../../src/oss/signing/HeaderSigner.js';
import type { HeaderList } from '../../src/oss/signing/SignatureV4.js';
import { Presigner } from '../../src/oss/signing/Presigner.js';
import { encodePath } from '../../src/oss/signing/percentEncode.js';
import { formatQuery } from '../../src/oss/signing/QueryParam.js';
import type { QueryParam } from '../../src/oss/signing/QueryParam.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET } from './emulatorFixture.js';
import type { Running } from './emulatorFixture.js';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  readonly text: string;
}

/**
 * One HTTP request with the path sent exactly as given (no dot-segment
 * normalisation, unlike fetch and URL), and the whole response.
 */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: readonly (readonly [string, string])[] = [],
  body?: Buffer,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const flat: string[] = [];
    for (const [name, value] of headers) flat.push(name, value);
    // Node adds neither Host nor Content-Length to headers given as an array.
    if (!headers.some(([n]) => n.toLowerCase() === 'host')) flat.push('Host', `127.0.0.1:${port}`);
    if (body !== undefined && !headers.some(([n]) => n.toLowerCase() === 'content-length')) flat.push('Content-Length', String(body.length));
    const req = request({ host: '127.0.0.1', port, method, path, headers: flat, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const data = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data, text: data.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** GET of an absolute URL as plain `http.request` sends it (the path untouched). */
export function getUrl(url: string, method = 'GET', body?: Buffer, headers: readonly (readonly [string, string])[] = []): Promise<RawResponse> {
  const u = new URL(url);
  const path = url.slice(url.indexOf('/', url.indexOf('//') + 2));
  return rawRequest(Number(u.port), method, path, headers, body);
}

export interface SignedRequest {
  readonly method: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly query?: readonly QueryParam[];
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: Buffer;
  readonly version?: 'v1' | 'v4';
  readonly credentials?: Credentials;
  /** Seconds since the epoch; the emulator clock by default. */
  readonly signTime?: number;
}

export const accountCredentials = new Credentials({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET });

/** A path-style request signed in header form with the project's HeaderSigner. */
export function signedRequest(env: Running, r: SignedRequest): Promise<RawResponse> {
  const credentials = r.credentials ?? accountCredentials;
  const signTime = r.signTime ?? Math.floor(env.now / 1000);
  const base = { method: r.method, bucket: r.bucket, key: r.key, query: r.query ?? [], headers: r.headers ?? [] };
  const signed =
    r.version === 'v1'
      ? signHeaderV1(base, { credentials, signTime })
      : signHeaderV4(base, { credentials, signTime, region: 'cn-hangzhou' });
  let path = '/';
  if (r.bucket !== undefined) path += `${r.bucket}/`;
  if (r.key !== undefined) path += encodePath(r.key);
  const query = formatQuery(r.query ?? []);
  if (query !== '') path += `?${query}`;
  return rawRequest(env.emulator.port, r.method, path, signed.headers, r.body);
}

/** The text of one element of an XML body (first occurrence), or undefined. */
export function xmlField(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return m?.[1];
}

export interface EmulatorUrlSpec {
  readonly version?: 'v1' | 'v4';
  readonly method?: string;
  readonly expiresIn?: number;
  readonly query?: readonly QueryParam[] | undefined;
  readonly headers?: HeaderList | undefined;
  readonly additionalHeaders?: readonly string[] | undefined;
  readonly credentials?: Credentials;
}

/** A presigner for bucket `bkt` on the running emulator (path style), signed at the emulator's clock; V4 GET for 600 s unless told. */
export function emulatorPresigner(env: Running, spec: EmulatorUrlSpec = {}): Presigner {
  return new Presigner({
    version: spec.version ?? 'v4',
    credentials: spec.credentials ?? accountCredentials,
    method: spec.method ?? 'GET',
    bucket: 'bkt',
    signTime: Math.floor(env.now / 1000),
    expiresIn: spec.expiresIn ?? 600,
    region: 'cn-hangzhou',
    product: 'oss',
    address: { scheme: 'http', host: `127.0.0.1:${env.emulator.port}`, style: 'path' },
    query: spec.query,
    headers: spec.headers,
    additionalHeaders: spec.additionalHeaders,
  });
}
