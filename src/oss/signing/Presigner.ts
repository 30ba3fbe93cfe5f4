import { hash } from 'node:crypto';
import type { Credentials } from '../Credentials.js';
import { encodePath, percentEncode } from './percentEncode.js';
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
import type { FastHmac } from './FastHmac.js';
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
  readonly #hmac: FastHmac;
  // V4
  readonly #crHead: string;
  readonly #crTail: string;
  readonly #stsHead: string;
  // V1
  readonly #v1Head: string;
  readonly #v1Tail: string;

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
      this.#hmac = (spec.keys ?? new SigningKeyCache(1)).hmac(spec.credentials, date, spec.region, spec.product);
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
      this.#hmac = (spec.keys ?? new SigningKeyCache(1)).v1(spec.credentials);
      this.#signatureParam = 'Signature';
      this.#crHead = '';
      this.#crTail = '';
      this.#stsHead = '';
    }
    const sorted = [...params, [this.#signatureParam, null] as QueryParam].sort((a, b) => compareUtf8(a[0], b[0]));
    const at = sorted.findIndex(([name, value]) => name === this.#signatureParam && value === null);
    const render = (list: readonly QueryParam[]): string =>
      list.map(([n, v]) => (v === null ? percentEncode(n) : `${percentEncode(n)}=${percentEncode(v)}`)).join('&');
    const before = render(sorted.slice(0, at));
    const after = render(sorted.slice(at + 1));
    this.#queryBefore = `?${before}${before === '' ? '' : '&'}${this.#signatureParam}=`;
    this.#queryAfter = after === '' ? '' : `&${after}`;
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

  #assemble(encodedKey: string, signature: string): string {
    const value = this.spec.version === 'v1' ? encodeBase64ForQuery(signature) : signature;
    return this.#urlPrefix + encodedKey + this.#queryBefore + value + this.#queryAfter;
  }

  #sign(key: string, encodedKey: string): { signature: string; canonicalRequest: string | undefined; stringToSign: string } {
    if (this.spec.version === 'v4') {
      const canonical = this.#crHead + encodedKey + this.#crTail;
      const stringToSign = this.#stsHead + hash('sha256', canonical, 'hex');
      const signature = this.#hmac.digest(stringToSign, 'hex');
      return { signature, canonicalRequest: canonical, stringToSign };
    }
    const stringToSign = this.#v1Head + key + this.#v1Tail;
    return { signature: this.#hmac.digest(stringToSign, 'base64'), canonicalRequest: undefined, stringToSign };
  }
}

/** A base64 value RFC 3986-encoded: only `+`, `/` and `=` need escaping. */
function encodeBase64ForQuery(value: string): string {
  return value.replaceAll('+', '%2B').replaceAll('/', '%2F').replaceAll('=', '%3D');
}

function header(headers: HeaderList, wanted: string): string {
  for (const [name, value] of headers) if (name.toLowerCase() === wanted) return value;
  return '';
}
