import { authenticateOssRequest } from '../verify/authenticateOssRequest.js';
import type { SecretLookup } from '../verify/authenticateOssRequest.js';
import { OssServiceError } from '../verify/OssServiceError.js';
import type { ExplainContext } from './ExplainContext.js';
import type { UrlExplanation } from './UrlExplanation.js';

/** Stands for "the lookup was reached, but ossduck holds no secret to check with". */
const UNCHECKED = new OssServiceError(0, 'ossduck.Unchecked', 'the signature was not checked', '');

/**
 * What `ossduck serve` with the same account answers the request: the
 * emulator's own verifier, handed the secret only when the signature could
 * be checked, and the refusal of the credential checks first. Null when it
 * would serve the request or cannot tell.
 */
export function ossAnswer(ctx: ExplainContext, refusal: OssServiceError | undefined, checkable: boolean): UrlExplanation['oss'] {
  const { url, method, headers, nowMs } = ctx;
  const secret = ctx.credentials?.revealSecret();
  const lookup: SecretLookup = () => refusal ?? (checkable && secret !== undefined ? secret : UNCHECKED);
  const answer = authenticateOssRequest({ method, targets: [{ bucket: url.bucket, key: url.key }], query: url.query, headers, nowMs }, lookup);
  return answer instanceof OssServiceError && answer !== UNCHECKED ? { status: answer.status, code: answer.code, message: answer.message } : null;
}
