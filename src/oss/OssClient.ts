import type OSS from 'ali-oss';
import { parse as parseLegacyUrl } from 'node:url';
import type { Credentials } from './Credentials.js';
import { OssError } from './OssError.js';
import { hostName } from './OssEndpoint.js';
import type { Readable } from 'node:stream';
import type { ObjectReadResult, ReadLimits, WorkerReadResult } from './bridge/BridgeProtocol.js';
import { parseListBucketResult } from './parseListBucketResult.js';
import { readBody } from './readBody.js';
import type { UrlAddress } from './signing/UrlAddress.js';

/** One object of a listing, as OSS describes it. */
export interface ObjectSummary {
  readonly key: string;
  readonly size: number;
  readonly type: string | null;
  /** ISO-8601 instant. */
  readonly lastModified: string;
  readonly storageClass: string | null;
  /** Without the quotes OSS puts around it. */
  readonly etag: string | null;
  readonly restoreInfo: string | null;
  readonly ownerId: string | null;
  readonly ownerDisplayName: string | null;
}

export interface ListPage {
  readonly objects: readonly ObjectSummary[];
  /** With a delimiter: the names that group keys past it (`dir/`), decoded, in key order. */
  readonly commonPrefixes: readonly string[];
  readonly nextContinuationToken: string | undefined;
}

/** Where a bucket is and how to sign for it. */
export interface BucketTarget {
  readonly bucket: string;
  readonly region: string;
  readonly product: string;
  readonly address: UrlAddress;
  readonly credentials: Credentials;
}

/** An answer to a GET with its body not yet read. */
interface StreamedAnswer {
  readonly status: number;
  readonly headers: Record<string, string | undefined>;
  readonly res: Readable;
}

/** Every status counts as an answer: the body of an error is read here (it is small), a large body only once its size is known. */
const ANY_STATUS = Array.from({ length: 500 }, (_, i) => 100 + i);
/** An OSS error body is a short XML document. */
const ERROR_BODY_BYTES = 64 * 1024;

function headerNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/** Why a read is refused for its size: the object's size (from Content-Range for a range), the limit, and what to do. */
function tooLarge(what: string, bytes: number | undefined, contentRange: string | undefined, maxBytes: number): string {
  const total = contentRange ? headerNumber(/\/(\d+)$/.exec(contentRange)?.[1]) : undefined;
  const size = bytes === undefined ? `more than ${maxBytes} bytes` : `${bytes} bytes`;
  const whole = total !== undefined && total !== bytes ? ` (the asked range of an object of ${total} bytes)` : '';
  return `${what} refused: it is ${size}${whole}, over ossduck.get_data.max_bytes (${maxBytes}); read a part with offset and length, or raise the setting`;
}

type AliOssConstructor = new (options: OSS.Options) => OSS;
let aliOss: Promise<AliOssConstructor> | undefined;

/** ali-oss is loaded on first use: it is slow to import and most runs never call OSS. */
function loadAliOss(): Promise<AliOssConstructor> {
  aliOss ??= import('ali-oss').then((m) => ((m as unknown as { default?: AliOssConstructor }).default ?? (m as unknown as AliOssConstructor)));
  return aliOss;
}

/** `restore_info` from a listing's RestoreInfo text, read as ali-oss reads it (`parseRestoreInfo`). */
function restoreInfoText(text: string | undefined): string | null {
  if (!text) return null;
  if (text.includes('true')) return 'ongoing-request="true"';
  const expiry = /expiry-date="(.*)"/.exec(text)?.[1];
  return expiry ? `ongoing-request="false", expiry-date="${new Date(expiry).toUTCString()}"` : 'ongoing-request="false"';
}

/** An ETag without the one quote OSS writes at each end (either may be missing). */
function unquoted(etag: string): string {
  const start = etag.charCodeAt(0) === 34 ? 1 : 0;
  const end = etag.length > start && etag.charCodeAt(etag.length - 1) === 34 ? etag.length - 1 : etag.length;
  return start === 0 && end === etag.length ? etag : etag.slice(start, end);
}

/** An OSS error from ali-oss, described without credentials. */
function describeFailure(error: unknown, what: string, origin: string): OssError {
  const e = error as { code?: string; status?: number; message?: string; requestId?: string };
  const message = (e.message ?? String(error)).split('\n')[0]!;
  const network = networkCause(e.status, message);
  if (network !== undefined) return OssError.io(`${what} failed: cannot reach OSS at ${origin}: ${network}`, error);
  const code = e.code ?? 'Error';
  const status = e.status ? ` (HTTP ${e.status})` : '';
  return OssError.io(`${what} failed: ${code}${status}: ${message}`, error);
}

/**
 * The cause of a request that got no HTTP answer, as ali-oss reports it (status
 * -1, or a timeout), without the request line and agent counters it appends;
 * undefined for an answer from OSS. Pure.
 */
export function networkCause(status: number | undefined, message: string): string | undefined {
  if (status !== undefined && status > 0) return undefined;
  if (status !== -1 && !/timeout|ECONN|ENOTFOUND|EAI_AGAIN|socket hang up|EHOSTUNREACH|ENETUNREACH/i.test(message)) return undefined;
  return message.split(/, (?:GET|PUT|HEAD|POST|DELETE) /)[0]!.replace(/ \(connected: .*$/, '').trim();
}

/**
 * A name from a listing asked for with `encoding-type=url`, decoded: OSS
 * percent-encodes Key, Prefix, StartAfter, Delimiter, ContinuationToken,
 * NextContinuationToken and CommonPrefixes/Prefix, and the v2 SDKs decode
 * each of them (alibabacloud-oss-go-sdk-v2 `oss/api_op_bucket.go`
 * `unmarshalEncodeType`; alibabacloud-oss-python-sdk-v2 `serde_utils.py`
 * `deserialize_encode_type`). A `+` stays a `+` (OSS writes a space as
 * `%20`), and every code point is kept as decoded: no normalization, no
 * trimming. A malformed escape is an error naming the text.
 */
export function decodeListedName(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw OssError.io(`OSS listed ${what} '${text}', which is not valid URL encoding (the listing asked for encoding-type=url)`);
  }
}

/**
 * ali-oss builds each request URL as a string and hands it to urllib, which
 * parses strings with WHATWG `URL`: that resolves `.` and `..` path segments,
 * so `./c.txt` would be requested as `c.txt` and `a/../b.txt` as `b.txt`
 * (signed for one name, sent for another). OSS names are not paths: given an
 * already parsed URL, urllib sends the path as it is, so each URL is parsed
 * here with the legacy parser, which leaves dot segments alone.
 */
function sendPathsAsTheyAre(client: OSS): void {
  const holder = client as unknown as { urllib: { request(url: unknown, params: unknown): Promise<unknown> } };
  const urllib = holder.urllib;
  holder.urllib = { request: (url, params) => urllib.request(typeof url === 'string' ? parseLegacyUrl(url) : url, params) };
}

/**
 * The calls ossduck makes to OSS, through the official Node SDK (ali-oss),
 * signed with V4. For IP and localhost hosts ali-oss addresses the bucket
 * through the Host header, which the emulator understands.
 */
export class OssClient {
  readonly #client: OSS;
  readonly #target: BucketTarget;

  private constructor(client: OSS, target: BucketTarget) {
    this.#client = client;
    this.#target = target;
  }

  /** Where requests go, as an error names it. */
  get #origin(): string {
    return `${this.#target.address.scheme}://${this.#target.address.host}`;
  }

  static async create(target: BucketTarget): Promise<OssClient> {
    const AliOss = await loadAliOss();
    const host = hostName(target.address.host) === 'localhost' ? target.address.host.replace(/^localhost/, '127.0.0.1') : target.address.host;
    const client = new AliOss({
      endpoint: `${target.address.scheme}://${host}`,
      bucket: target.bucket,
      region: `oss-${target.region}`,
      authorizationV4: true,
      ...(target.product === 'oss-cloudbox' ? { cloudBoxId: target.region } : {}),
      accessKeyId: target.credentials.accessKeyId,
      accessKeySecret: target.credentials.revealSecret(),
      ...(target.credentials.securityToken ? { stsToken: target.credentials.securityToken, refreshSTSTokenInterval: 3_600_000 } : {}),
      secure: target.address.scheme === 'https',
      cname: target.address.style === 'cname',
      timeout: 60_000,
    } as OSS.Options);
    sendPathsAsTheyAre(client);
    return new OssClient(client, target);
  }

  /**
   * One page of ListObjectsV2 under `prefix` (owners included), with
   * `encoding-type=url` so that any name OSS holds (control characters too)
   * comes through the XML intact. The bucket root is asked for with no
   * `prefix` parameter at all: ali-oss would sign an empty value as
   * `prefix=`, where OSS (and the v2 SDKs' signers) write the bare name.
   * With `delimiter`, keys past it are grouped into common prefixes.
   */
  async listPage(prefix: string, continuationToken: string | undefined, maxKeys = 1000, delimiter?: string): Promise<ListPage> {
    const what = `listing oss://${this.#target.bucket}/${prefix}`;
    // ali-oss's listV2 request (the token a sub-resource, as V1 signs it), its body read by parseListBucketResult, not xml2js.
    const client = this.#client as unknown as {
      _objectRequestParams(method: string, name: string, options: unknown): Record<string, unknown>;
      request(params: unknown): Promise<{ data: Buffer | string }>;
    };
    const params = client._objectRequestParams('GET', '', continuationToken ? { subres: { 'continuation-token': continuationToken } } : {});
    params['query'] = {
      'list-type': 2,
      ...(prefix === '' ? {} : { prefix }),
      'max-keys': String(maxKeys),
      'fetch-owner': true,
      'encoding-type': 'url',
      ...(delimiter === undefined ? {} : { delimiter }),
    };
    params['successStatuses'] = [200];
    let body: Buffer | string;
    try {
      body = (await client.request(params)).data;
    } catch (error) {
      throw describeFailure(error, what, this.#origin);
    }
    const result = parseListBucketResult(body);
    if (!result) throw OssError.io(`${what} failed: OSS at ${this.#origin} answered with no complete ListBucketResult (a body of another kind, or one that ends before </ListBucketResult>)`);
    const objects = result.contents.map((o) => ({
      key: decodeListedName(o.key, 'a key'),
      size: o.size,
      type: o.type ?? null,
      lastModified: o.lastModified,
      storageClass: o.storageClass ?? null,
      etag: o.etag ? unquoted(o.etag) : null,
      restoreInfo: restoreInfoText(o.restoreInfo),
      ownerId: o.ownerId ?? null,
      ownerDisplayName: o.ownerDisplayName ?? null,
    }));
    const commonPrefixes = result.commonPrefixes.map((p) => decodeListedName(p, 'a common prefix'));
    const next = result.isTruncated && result.nextContinuationToken ? decodeListedName(result.nextContinuationToken, 'a continuation token') : undefined;
    return { objects, commonPrefixes, nextContinuationToken: next };
  }

  /**
   * Reads `length` bytes of `key` from `offset` (-1: to the end). A range
   * starting past the end reads as empty, as with `x-oss-range-behavior:
   * standard`; a missing object is reported, not thrown. The body is read
   * only once the answer's Content-Length is within `limits.maxBytes` and
   * `admit` takes it (else the connection is closed before the body comes);
   * a body without a length stops as soon as it passes the limit.
   */
  async read(key: string, offset: number, length: number, limits: ReadLimits, admit: (bytes: number) => boolean = () => true): Promise<WorkerReadResult> {
    if (length === 0) return { status: 'ok', data: new Uint8Array(0) };
    const headers: Record<string, string> = {};
    if (offset > 0 || length > 0) {
      headers['Range'] = `bytes=${offset}-${length > 0 ? offset + length - 1 : ''}`;
      headers['x-oss-range-behavior'] = 'standard';
    }
    const what = `reading oss://${this.#target.bucket}/${key}`;
    let answer: StreamedAnswer;
    try {
      answer = await this.#getStream(key, headers, limits);
    } catch (error) {
      return this.#readFailure(error, key, limits);
    }
    if (answer.status >= 300) {
      const body = await readBody(answer.res, undefined, ERROR_BODY_BYTES, limits.readTimeoutMs);
      const data = body.ok ? Buffer.from(body.data.buffer, body.data.byteOffset, body.data.byteLength) : Buffer.alloc(0);
      const requestError = (this.#client as unknown as { requestError(r: unknown): Promise<unknown> }).requestError;
      return this.#readFailure(await requestError.call(this.#client, { status: answer.status, headers: answer.headers, data }), key, limits);
    }
    const declared = headerNumber(answer.headers['content-length']);
    if (declared !== undefined && declared > limits.maxBytes) {
      answer.res.destroy();
      return { status: 'error', message: tooLarge(what, declared, answer.headers['content-range'], limits.maxBytes) };
    }
    if (!admit(declared ?? limits.maxBytes)) {
      answer.res.destroy();
      return { status: 'deferred' };
    }
    const body = await readBody(answer.res, declared, limits.maxBytes, limits.readTimeoutMs);
    if (body.ok) return { status: 'ok', data: body.data };
    if (body.reason === 'tooLarge') return { status: 'error', message: tooLarge(what, undefined, answer.headers['content-range'], limits.maxBytes) };
    if (body.reason === 'stalled') {
      return { status: 'error', message: `${what} failed: OSS at ${this.#origin} sent no bytes for ${limits.readTimeoutMs} ms in the middle of the body (ossduck.oss.read_timeout_ms)` };
    }
    return { status: 'error', message: `${what} failed: ${body.message}` };
  }

  /** A GET whose answer, whatever its status, comes back with its body unread. */
  async #getStream(key: string, headers: Record<string, string>, limits: ReadLimits): Promise<StreamedAnswer> {
    const client = this.#client as unknown as {
      _objectRequestParams(method: string, name: string, options: unknown): Record<string, unknown>;
      request(params: unknown): Promise<StreamedAnswer>;
    };
    const params = client._objectRequestParams('GET', key, { headers, timeout: [limits.connectTimeoutMs, limits.readTimeoutMs] });
    params['customResponse'] = true;
    params['successStatuses'] = ANY_STATUS;
    return client.request(params);
  }

  #readFailure(error: unknown, key: string, limits: ReadLimits): ObjectReadResult {
    const e = error as { code?: string; status?: number; name?: string };
    const what = `reading oss://${this.#target.bucket}/${key}`;
    if (e.status === 404 && (e.code === 'NoSuchKey' || e.code === undefined)) {
      return { status: 'missing', message: `object oss://${this.#target.bucket}/${key} does not exist (NoSuchKey)` };
    }
    if (e.status === 400 && e.code === 'InvalidObjectName') {
      return { status: 'missing', message: `OSS refuses the object name oss://${this.#target.bucket}/${key} (InvalidObjectName), so no such object exists` };
    }
    if (e.status === 416) return { status: 'ok', data: new Uint8Array(0) };
    if (e.name === 'ConnectionTimeoutError') {
      return { status: 'error', message: `${what} failed: could not connect to OSS at ${this.#origin} within ${limits.connectTimeoutMs} ms (ossduck.oss.connect_timeout_ms)` };
    }
    if (e.name === 'ResponseTimeoutError') {
      return { status: 'error', message: `${what} failed: OSS at ${this.#origin} did not answer within ${limits.readTimeoutMs} ms (ossduck.oss.read_timeout_ms)` };
    }
    return { status: 'error', message: describeFailure(error, what, this.#origin).detail };
  }
}
