/**
 * The signature a request should carry, computed from the request as it is
 * sent (method, bucket, key, decoded query, headers): what a verifier (the
 * emulator, `ossduck explain-url`) compares with the signature the request
 * carries. Pure: the secret or derived key is an input, and neither ever
 * appears in the result.
 */
import type { KeyObject } from 'node:crypto';
import type { QueryParam } from './QueryParam.js';
import { canonicalizedResource, signatureV1, stringToSignV1 } from './SignatureV1.js';
import { canonicalRequest, credentialScope, effectiveAdditionalHeaders, signatureV4, stringToSignV4 } from './SignatureV4.js';
import type { HeaderList } from './SignatureV4.js';

/** A request as a verifier sees it. */
export interface SignedRequest {
  readonly method: string;
  readonly bucket?: string | undefined;
  readonly key?: string | undefined;
  /** Decoded query parameters, without the signature parameter itself (V4 query form). */
  readonly query: readonly QueryParam[];
  /** Headers as sent (repeated names kept). */
  readonly headers: HeaderList;
}

/** `<yyyymmdd>/<region>/<product>` of a V4 credential scope. */
export interface ScopeParts {
  readonly date: string;
  readonly region: string;
  readonly product: string;
}

export interface RequestSignature {
  /** V4 only. */
  readonly canonicalRequest: string | undefined;
  readonly stringToSign: string;
  readonly signature: string;
}

/**
 * V1: `date` is the Date header (header form) or the Expires value (query
 * form); the signature is base64 HMAC-SHA1 under the AccessKey secret.
 */
export function requestSignatureV1(request: SignedRequest, date: string, secret: KeyObject | string): RequestSignature {
  const resource = canonicalizedResource(request.bucket, request.key, request.query);
  const stringToSign = stringToSignV1(request.method, request.headers, date, resource);
  return { canonicalRequest: undefined, stringToSign, signature: signatureV1(secret, stringToSign) };
}

/**
 * V4: `datetime` is x-oss-date, `additionalHeaders` the names the request
 * says it signs (x-oss-additional-headers or AdditionalHeaders, before
 * `effectiveAdditionalHeaders`), `signingKey` the key derived for `scope`.
 */
export function requestSignatureV4(
  request: SignedRequest,
  signing: { readonly datetime: string; readonly scope: ScopeParts; readonly additionalHeaders: readonly string[] },
  signingKey: KeyObject | Buffer,
): RequestSignature {
  const { scope } = signing;
  const canonical = canonicalRequest({
    method: request.method,
    bucket: request.bucket,
    key: request.key,
    query: request.query,
    headers: request.headers,
    additionalHeaders: effectiveAdditionalHeaders(request.headers, signing.additionalHeaders),
  });
  const stringToSign = stringToSignV4(signing.datetime, credentialScope(scope.date, scope.region, scope.product), canonical);
  return { canonicalRequest: canonical, stringToSign, signature: signatureV4(signingKey, stringToSign) };
}
