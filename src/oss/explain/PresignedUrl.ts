import type { QueryParam } from '../signing/QueryParam.js';
import type { UrlStyle } from '../signing/UrlAddress.js';

/** What a query parameter other than the signature's own ones asks of OSS. */
export type ParameterKind = 'version-id' | 'response-override' | 'process' | 'traffic-limit' | 'sub-resource' | 'other';

export interface UrlParameter {
  readonly name: string;
  /** Decoded; null for a bare name (`?acl`). */
  readonly value: string | null;
  readonly kind: ParameterKind;
  /** Whether the signature covers it (V4: every parameter; V1: sub-resources only). */
  readonly signed: boolean;
}

/** The parameters that carry the signature itself, per version. */
export const V1_AUTH_PARAMS: ReadonlySet<string> = new Set(['OSSAccessKeyId', 'Expires', 'Signature', 'security-token']);
export const V4_AUTH_PARAMS: ReadonlySet<string> = new Set([
  'x-oss-signature-version', 'x-oss-credential', 'x-oss-date', 'x-oss-expires', 'x-oss-signature', 'x-oss-security-token',
  'x-oss-additional-headers',
]);
/** Parameters whose value a raw `+` (read as a space) always breaks. */
export const PLUS_SENSITIVE: ReadonlySet<string> = new Set([
  'Signature', 'OSSAccessKeyId', 'security-token', 'x-oss-signature', 'x-oss-credential', 'x-oss-security-token',
]);

/**
 * A presigned OSS URL taken apart. It holds the security token whole (to
 * verify with), so it is not for output: `explainPresignedUrl` reports a
 * summary of the token, never the token.
 */
export interface PresignedUrl {
  readonly version: 'v1' | 'v4';
  readonly scheme: 'http' | 'https';
  /** Host with an optional port, lower case. */
  readonly host: string;
  readonly style: UrlStyle;
  readonly bucket: string | undefined;
  /** Where the bucket came from: the host, the path, or the `bucket` option (custom domains). */
  readonly bucketFrom: 'host' | 'path' | 'option' | undefined;
  /** The decoded object key; undefined when the URL names a bucket or the service. */
  readonly key: string | undefined;
  /** The raw path as written. */
  readonly rawPath: string;
  /** The region and product the host names (an OSS endpoint), if any. */
  readonly hostScope: { readonly region: string; readonly product: string } | undefined;
  /** V4: the credential scope. */
  readonly scope: { readonly date: string; readonly region: string; readonly product: string } | undefined;
  readonly accessKeyId: string | undefined;
  /** V4: the x-oss-date text and instant (epoch ms). */
  readonly datetime: string | undefined;
  readonly signedAt: number | undefined;
  /** Epoch ms: V1 Expires, V4 x-oss-date + x-oss-expires. */
  readonly expiresAt: number | undefined;
  /** V1: the Expires text; V4: the x-oss-expires text. */
  readonly expiresText: string | undefined;
  /** V4: x-oss-expires in seconds. */
  readonly expiresIn: number | undefined;
  readonly signature: string | undefined;
  readonly securityToken: string | undefined;
  /** V4: x-oss-additional-headers, lower case. */
  readonly additionalHeaders: readonly string[];
  /** Every query parameter, decoded as OSS decodes it (`+` is a space), in order. */
  readonly query: readonly QueryParam[];
  /** The raw query string (after `?`, without a fragment). */
  readonly rawQuery: string;
  /** The parameters that are not the signature's own. */
  readonly parameters: readonly UrlParameter[];
  /** Names of parameters whose raw value holds a literal `+`. */
  readonly rawPlus: readonly string[];
  /** What is missing or malformed among the signature's parameters, one sentence each. */
  readonly faults: readonly string[];
}
