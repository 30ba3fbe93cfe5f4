import { hash } from 'node:crypto';
import type { Credentials } from '../Credentials.js';
import { copyBytes } from './copyBytes.js';
import { writeLatin1 } from './writeLatin1.js';
import { encodePath, encodePathBytes, percentEncode } from './percentEncode.js';
import { compareUtf8 } from './QueryParam.js';
import type { QueryParam } from './QueryParam.js';
import {
  ALGORITHM_V4,
  canonicalHeaders,
  canonicalQuery,
  credentialScope,
  effectiveAdditionalHeaders,
  formatIsoDateTime,
  payloadHash,
} from './SignatureV4.js';
import type { HeaderList } from './SignatureV4.js';
import type { PreparedHmac } from './FastHmac.js';
import type { PreparedHmacSha1 } from './HmacSha1.js';
import { canonicalizedOssHeaders, subResourceSuffix } from './SignatureV1.js';
import { SigningKeyCache } from './SigningKeyCache.js';
import { urlPrefix } from './UrlAddress.js';
import type { UrlAddress } from './UrlAddress.js';

export type SignatureVersion = 'v1' | 'v4';

/** Everything about a presigned URL except the object key. */
export interface PresignSpec {
  readonly version: SignatureVersion;
  readonly credentials: Credentials;
  readonly method: string;
  readonly bucket: string;
  /** The signing instant, whole seconds since the epoch. */
  readonly signTime: number;
  /** Seconds from the signing instant to expiry. */
  readonly expiresIn: number;
  /** V4 scope region (`cn-hangzhou`, or a CloudBox id). */
  readonly region: string;
  /** V4 scope product: `oss`, or `oss-cloudbox`. */
  readonly product: string;
  readonly address: UrlAddress;
  /** Extra query parameters (decoded): versionId, response-*, x-oss-process, ... */
  readonly query?: readonly QueryParam[] | undefined;
  /** Headers the HTTP client will send and that are signed. */
  readonly headers?: HeaderList | undefined;
  /** V4: further headers to sign (beyond content-type, content-md5, x-oss-*). */
  readonly additionalHeaders?: readonly string[] | undefined;
  /** V1: further parameter names to treat as sub-resources. */
  readonly extraSubResources?: readonly string[] | undefined;
  /**
   * Derived signing keys to reuse (a session keeps one cache for all its
   * presigners); without it the key is derived for this presigner alone.
   */
  readonly keys?: SigningKeyCache | undefined;
}

/** What went into one URL's signature, for tests and diagnosis. */
export interface PresignExplanation {
  readonly url: string;
  readonly canonicalRequest: string | undefined;
  readonly stringToSign: string;
  readonly signature: string;
}

/**
 * A presigned-URL maker prepared once for a method, bucket, instant, expiry,
 * credential and set of parameters, then applied to many keys. Everything that
 * does not depend on the key (scope, canonical query, canonical headers, the
 * query string around the signature, the derived key) is computed here once;
 * `url(key)` does only the per-key hashing. It produces the same bytes as the
 * v2 SDKs: query parameters sorted by name and RFC 3986-encoded, the path
 * encoded the same way with `/` kept.
 */
export class Presigner {
  readonly spec: PresignSpec;
  readonly #urlPrefix: string;
  readonly #queryBefore: string;
  readonly #queryAfter: string;
  readonly #signatureParam: string;
  /** The key prepared with the fixed start of every string to sign (V4: algorithm, instant, scope, in FastHmac; V1: method to bucket, in HmacSha1Key). */
  readonly #hmac: PreparedHmac | PreparedHmacSha1;
  // V4
  readonly #crHead: string;
  readonly #crTail: string;
  readonly #stsHead: string;
  // V1
  readonly #v1Head: string;
  readonly #v1Tail: string;
  /** The fixed parts as bytes, for writeUrl; made on its first call. */
  #bytes: ByteParts | undefined;
  /** The query parameters but the signature, sorted; the security token's name. */
  readonly #params: readonly QueryParam[];
  readonly #tokenParam: string;
  #unsigned: UnsignedUrlParts | undefined;

  constructor(spec: PresignSpec) {
    this.spec = spec;
    const headers = spec.headers ?? [];
    const extra = spec.query ?? [];
    const method = spec.method.toUpperCase();
    this.#urlPrefix = urlPrefix(spec.address, spec.bucket);
    const token = spec.credentials.securityToken;
    let params: QueryParam[];
    if (spec.version === 'v4') {
      const datetime = formatIsoDateTime(spec.signTime);
      const date = datetime.slice(0, 8);
      const scope = credentialScope(date, spec.region, spec.product);
      const additional = effectiveAdditionalHeaders(headers, spec.additionalHeaders);
      params = [...extra];
      if (token !== undefined) params.push(['x-oss-security-token', token]);
      params.push(['x-oss-signature-version', ALGORITHM_V4]);
      params.push(['x-oss-date', datetime]);
      params.push(['x-oss-expires', String(spec.expiresIn)]);
      params.push(['x-oss-credential', `${spec.credentials.accessKeyId}/${scope}`]);
      if (additional.length > 0) params.push(['x-oss-additional-headers', additional.join(';')]);
      this.#crHead = `${method}\n${encodePath(`/${spec.bucket}/`)}`;
      this.#crTail =
        `\n${canonicalQuery(params)}\n${canonicalHeaders(headers, additional)}\n${additional.join(';')}\n` +
        payloadHash(headers);
      this.#stsHead = `${ALGORITHM_V4}\n${datetime}\n${scope}\n`;
      this.#hmac = (spec.keys ?? new SigningKeyCache(1)).hmac(spec.credentials, date, spec.region, spec.product).prepare(this.#stsHead);
      this.#signatureParam = 'x-oss-signature';
      this.#v1Head = '';
      this.#v1Tail = '';
    } else {
      const expires = String(spec.signTime + spec.expiresIn);
      params = [...extra];
      if (token !== undefined) params.push(['security-token', token]);
      this.#v1Head =
        `${method}\n${header(headers, 'content-md5')}\n${header(headers, 'content-type')}\n${expires}\n` +
        `${canonicalizedOssHeaders(headers)}/${spec.bucket}/`;
      this.#v1Tail = subResourceSuffix(params, spec.extraSubResources);
      params.push(['Expires', expires]);
      params.push(['OSSAccessKeyId', spec.credentials.accessKeyId]);
      this.#hmac = (spec.keys ?? new SigningKeyCache(1)).v1(spec.credentials).prepare(this.#v1Head);
      this.#signatureParam = 'Signature';
      this.#crHead = '';
      this.#crTail = '';
      this.#stsHead = '';
    }
    this.#tokenParam = spec.version === 'v4' ? 'x-oss-security-token' : 'security-token';
    this.#params = params;
    const sorted = [...params, [this.#signatureParam, null] as QueryParam].sort((a, b) => compareUtf8(a[0], b[0]));
    const at = sorted.findIndex(([name, value]) => name === this.#signatureParam && value === null);
    const before = render(sorted.slice(0, at));
    const after = render(sorted.slice(at + 1));
    this.#queryBefore = `?${before}${before === '' ? '' : '&'}${this.#signatureParam}=`;
    this.#queryAfter = after === '' ? '' : `&${after}`;
  }

  /**
   * The URL without its signature and security token, in parts: the URL of an
   * object name `key` is `prefix + encodePath(key) + query`. It names the
   * object, method-independent parameters, expiry and AccessKeyId, but is no
   * use to anyone holding it: what a record of issued URLs may keep.
   */
  unsignedUrlParts(): UnsignedUrlParts {
    if (this.#unsigned === undefined) {
      const kept = this.#params.filter(([name]) => name !== this.#tokenParam).sort((a, b) => compareUtf8(a[0], b[0]));
      this.#unsigned = { prefix: this.#urlPrefix, query: kept.length === 0 ? '' : `?${render(kept)}` };
    }
    return this.#unsigned;
  }

  /** `url(key)` without its signature and security token (see unsignedUrlParts). */
  unsignedUrl(key: string): string {
    const parts = this.unsignedUrlParts();
    return parts.prefix + encodePath(key) + parts.query;
  }

  /** The presigned URL of `key`. */
  url(key: string): string {
    const path = encodePath(key);
    return this.#assemble(path, this.#sign(key, path).signature);
  }

  /** The URL with the canonical request and string to sign behind it. */
  explain(key: string): PresignExplanation {
    const path = encodePath(key);
    const signed = this.#sign(key, path);
    return { url: this.#assemble(path, signed.signature), ...signed };
  }

  /** The URL of an encoded key and its signature (with `/` as `%2F` when the address asks for it; the signature is not affected). */
  #assemble(encodedKey: string, signature: string): string {
    // A V1 signature is base64: percent-encoding escapes its + / and =.
    const value = this.spec.version === 'v1' ? percentEncode(signature) : signature;
    const path = this.spec.address.encodeSlash ? encodedKey.replaceAll('/', '%2F') : encodedKey;
    return this.#urlPrefix + path + this.#queryBefore + value + this.#queryAfter;
  }

  #sign(key: string, encodedKey: string): { signature: string; canonicalRequest: string | undefined; stringToSign: string } {
    if (this.spec.version === 'v4') {
      const canonical = this.#crHead + encodedKey + this.#crTail;
      const digest = hash('sha256', canonical, 'hex');
      return { signature: this.#hmac.digest(digest, 'hex'), canonicalRequest: canonical, stringToSign: this.#stsHead + digest };
    }
    return { signature: this.#hmac.digest(key + this.#v1Tail, 'base64'), canonicalRequest: undefined, stringToSign: this.#v1Head + key + this.#v1Tail };
  }

  /** At most how many bytes `writeUrl` writes for an object key of `keyBytes` UTF-8 bytes. */
  maxUrlBytes(keyBytes: number): number {
    const parts = (this.#bytes ??= this.#byteParts());
    return parts.fixedUrl + 3 * keyBytes;
  }

  /**
   * Writes the presigned URL of the object key held as UTF-8 in
   * `source[start, end)` into `target` from `at` (room: `maxUrlBytes`), and
   * returns where it ends: the same bytes as `url(key)`, without making a
   * string. Batch signing (GET_SIGNED_URL_FROM_OSS) works on DuckDB's bytes.
   */
  writeUrl(source: Buffer, start: number, end: number, target: Buffer, at: number): number {
    const parts = (this.#bytes ??= this.#byteParts());
    // Whole buffers go in with TypedArray#set (a memmove); Buffer#copy costs more for short runs.
    target.set(parts.urlPrefix, at);
    const pathAt = at + parts.urlPrefix.length;
    const encodeSlash = this.spec.address.encodeSlash === true;
    const pathEnd = encodePathBytes(source, start, end, target, pathAt, encodeSlash);
    target.set(parts.queryBefore, pathEnd);
    let o = pathEnd + parts.queryBefore.length;
    if (this.spec.version === 'v4') {
      const canonical = parts.scratch;
      // The canonical request names the object with its slashes, however the URL writes them.
      const tailAt = encodeSlash
        ? encodePathBytes(source, start, end, canonical, parts.crHead.length)
        : copyBytes(target, pathAt, pathEnd, canonical, parts.crHead.length);
      canonical.set(parts.crTail, tailAt);
      const digest = hash('sha256', parts.view(tailAt + parts.crTail.length), 'hex');
      o = writeLatin1((this.#hmac as PreparedHmac).digestAscii(digest, 'hex'), target, o);
    } else {
      o = (this.#hmac as PreparedHmacSha1).writeBase64ForQuery(source, start, end, parts.v1Tail, target, o);
    }
    if (parts.queryAfter.length > 0) target.set(parts.queryAfter, o);
    return o + parts.queryAfter.length;
  }

  #byteParts(): ByteParts {
    const crHead = Buffer.from(this.#crHead, 'utf8');
    const crTail = Buffer.from(this.#crTail, 'utf8');
    const v1Tail = Buffer.from(this.#v1Tail, 'utf8');
    const urlPrefix = Buffer.from(this.#urlPrefix, 'utf8');
    const queryBefore = Buffer.from(this.#queryBefore, 'utf8');
    const queryAfter = Buffer.from(this.#queryAfter, 'utf8');
    // Object keys are at most 1023 bytes; encoded, at most three times that.
    const scratch = Buffer.alloc(crHead.length + 3 * 1024 + crTail.length);
    crHead.copy(scratch, 0);
    const views: Buffer[] = [];
    const view = (length: number): Buffer => (views[length] ??= scratch.subarray(0, length));
    // A V1 signature is 28 base64 characters, at most 84 bytes escaped; a V4 one 64 hex digits.
    return { crHead, crTail, v1Tail, urlPrefix, queryBefore, queryAfter, scratch, view, fixedUrl: urlPrefix.length + queryBefore.length + 96 + queryAfter.length };
  }
}

/** A presigned URL's fixed parts without its signature and security token. */
export interface UnsignedUrlParts {
  /** Up to the encoded object name: scheme, host and, in path style, the bucket. */
  readonly prefix: string;
  /** `?` and the sorted query parameters but the signature and the security token (empty when none are left). */
  readonly query: string;
}

/** Query parameters as the v2 SDKs write them, in the order given. */
function render(list: readonly QueryParam[]): string {
  return list.map(([n, v]) => (v === null ? percentEncode(n) : `${percentEncode(n)}=${percentEncode(v)}`)).join('&');
}

interface ByteParts {
  readonly crHead: Buffer;
  readonly crTail: Buffer;
  readonly v1Tail: Buffer;
  readonly urlPrefix: Buffer;
  readonly queryBefore: Buffer;
  readonly queryAfter: Buffer;
  /** V4: the canonical request, its head written once (V1 writes its message straight into the prepared HMAC). */
  readonly scratch: Buffer;
  readonly view: (length: number) => Buffer;
  readonly fixedUrl: number;
}

function header(headers: HeaderList, wanted: string): string {
  for (const [name, value] of headers) if (name.toLowerCase() === wanted) return value;
  return '';
}
