import { accessKeyCheck } from './accessKeyCheck.js';
import { checksWithoutSecret } from './checksWithoutSecret.js';
import { decodePresignedUrl } from './decodePresignedUrl.js';
import type { Reading } from './diagnoseSignature.js';
import { explainContext } from './ExplainContext.js';
import type { ExplainOptions } from './ExplainOptions.js';
import { formatInstant } from './formatDuration.js';
import { judgeUrl } from './judgeUrl.js';
import { ossAnswer } from './ossAnswer.js';
import { securityTokenCheck } from './securityTokenCheck.js';
import { signatureCheck } from './signatureCheck.js';
import { summarizeUrl } from './summarizeUrl.js';
import type { UrlExplanation } from './UrlExplanation.js';

export type { ExplainOptions } from './ExplainOptions.js';
export type { TokenSummary } from './TokenSummary.js';
export type { CheckName, CheckStatus, UrlCheck, UrlExplanation, UrlSummary, Verdict } from './UrlExplanation.js';

const SENSITIVE_HEADERS = new Set(['authorization', 'x-oss-security-token']);

/**
 * Decodes a presigned OSS URL and judges it as OSS would at `nowMs` for the
 * given method and headers: every check that needs no secret (parameters, raw
 * `+`, x-oss-expires range, expiry, clock skew, region), then, with
 * credentials, the AccessKeyId, the security token and the signature,
 * recomputed with the project's signing steps. A signature that does not
 * match is diagnosed by trying common readings (a raw `+`, another method,
 * other headers, an added parameter, an edited x-oss-expires). The emulator's
 * own verifier gives the OSS answer. Pure apart from `credentials`; nothing
 * in the result is secret: no AccessKey secret, no derived key, no whole
 * security token, no signature the URL does not already carry.
 */
export function explainPresignedUrl(text: string, options: ExplainOptions): UrlExplanation {
  const url = decodePresignedUrl(text, { bucket: options.bucket });
  const ctx = explainContext(url, options);
  const reading: Reading = { method: ctx.method, key: url.key, query: url.query, headers: ctx.headers };
  const accessKey = accessKeyCheck(ctx);
  const token = securityTokenCheck(ctx);
  const signature = signatureCheck(ctx, reading);
  const checks = [...checksWithoutSecret(ctx), accessKey.check, token.check, signature.check];
  const oss = ossAnswer(ctx, accessKey.refusal ?? token.refusal, signature.checkable);
  const { verdict, reason } = judgeUrl(ctx, checks, signature.check, oss);
  return {
    verdict,
    reason,
    oss,
    at: formatInstant(options.nowMs),
    request: {
      method: ctx.method,
      headers: ctx.given.map(([n, v]) => [n, SENSITIVE_HEADERS.has(n.toLowerCase()) ? '<not shown>' : v] as const),
    },
    url: summarizeUrl(url, options.nowMs),
    checks,
    expected: signature.expected,
    signed: signature.signed ?? null,
  };
}
