import type { UrlStyle } from '../signing/UrlAddress.js';
import type { UrlParameter } from './PresignedUrl.js';
import type { TokenSummary } from './TokenSummary.js';

/** `accepted`: OSS would take it; `refused`: it would not; `unverified`: nothing wrong found, but the signature was not checked. */
export type Verdict = 'accepted' | 'refused' | 'unverified';
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skipped';
export type CheckName =
  | 'parameters'
  | 'plus-sign'
  | 'expires-range'
  | 'expiry'
  | 'clock-skew'
  | 'region'
  | 'access-key'
  | 'security-token'
  | 'signature';

export interface UrlCheck {
  readonly name: CheckName;
  readonly status: CheckStatus;
  readonly detail: string;
}

/** The decoded URL, as reports show it (instants as ISO 8601 UTC). */
export interface UrlSummary {
  readonly version: 'v1' | 'v4';
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly style: UrlStyle;
  readonly bucket: string | null;
  readonly bucketFrom: 'host' | 'path' | 'option' | null;
  readonly key: string | null;
  readonly region: string | null;
  readonly product: string | null;
  readonly regionFrom: 'x-oss-credential' | 'host' | null;
  readonly accessKeyId: string | null;
  readonly signedAt: string | null;
  readonly expiresAt: string | null;
  /** V4 x-oss-expires. */
  readonly expiresInSeconds: number | null;
  /** From the judging instant to expiry; negative once expired. */
  readonly secondsLeft: number | null;
  readonly securityToken: TokenSummary | null;
  readonly signature: string | null;
  /** V4 x-oss-additional-headers. */
  readonly additionalHeaders: readonly string[];
  /** The headers the signature covers, as the client sends them (`x-oss-*`: every such header). */
  readonly signedHeaders: readonly string[];
  readonly parameters: readonly UrlParameter[];
}

export interface UrlExplanation {
  readonly verdict: Verdict;
  /** Why, in one or two sentences: the first failed check, or what could not be checked. */
  readonly reason: string;
  /**
   * What `ossduck serve` with the same account answers (HTTP status, OSS
   * error code and message), null when it would serve the request or when
   * ossduck cannot tell (no credentials, another key's signature).
   */
  readonly oss: { readonly status: number; readonly code: string; readonly message: string } | null;
  /** The instant judged at. */
  readonly at: string;
  readonly request: { readonly method: string; readonly headers: readonly (readonly [string, string])[] };
  readonly url: UrlSummary;
  readonly checks: readonly UrlCheck[];
  /** On a signature mismatch: what ossduck signs for the request as given (the token shortened). */
  readonly expected: { readonly canonicalRequest: string | null; readonly stringToSign: string } | null;
  /**
   * On a signature mismatch that a common change explains (another method,
   * headers, an added parameter ...): what the signer signed, the reading
   * whose signature matches (the token shortened), to set beside `expected`.
   */
  readonly signed: { readonly canonicalRequest: string | null; readonly stringToSign: string } | null;
}

/** One check's result. */
export function urlCheck(name: CheckName, status: CheckStatus, detail: string): UrlCheck {
  return { name, status, detail };
}
