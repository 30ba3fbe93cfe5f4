import type { PresignedUrl } from './PresignedUrl.js';
import { formatInstant } from './formatDuration.js';
import { summarizeToken } from './TokenSummary.js';
import type { UrlSummary } from './UrlExplanation.js';

/** The decoded URL as reports show it, judged at `nowMs`: instants in ISO 8601 UTC, the security token summarized. */
export function summarizeUrl(url: PresignedUrl, nowMs: number): UrlSummary {
  const region = url.scope?.region ?? url.hostScope?.region ?? null;
  return {
    version: url.version,
    scheme: url.scheme,
    host: url.host,
    style: url.style,
    bucket: url.bucket ?? null,
    bucketFrom: url.bucketFrom ?? null,
    key: url.key ?? null,
    region,
    product: url.scope?.product ?? url.hostScope?.product ?? null,
    regionFrom: url.scope ? 'x-oss-credential' : url.hostScope ? 'host' : null,
    accessKeyId: url.accessKeyId ?? null,
    signedAt: url.signedAt === undefined ? null : formatInstant(url.signedAt),
    expiresAt: url.expiresAt === undefined ? null : formatInstant(url.expiresAt),
    expiresInSeconds: url.expiresIn ?? null,
    secondsLeft: url.expiresAt === undefined ? null : Math.floor((url.expiresAt - nowMs) / 1000),
    securityToken: url.securityToken === undefined ? null : summarizeToken(url.securityToken),
    signature: url.signature ?? null,
    additionalHeaders: url.additionalHeaders,
    signedHeaders: ['content-md5', 'content-type', 'x-oss-*', ...url.additionalHeaders],
    parameters: url.parameters,
  };
}
