import { describeHeaders } from './describeHeaders.js';
import type { ExplainContext } from './ExplainContext.js';
import { formatDuration } from './formatDuration.js';
import type { UrlCheck, UrlExplanation, Verdict } from './UrlExplanation.js';

/**
 * The verdict and its reason: refused on the first failed check or on
 * OSS's answer, unverified when the signature was not checked, accepted
 * otherwise.
 */
export function judgeUrl(
  ctx: ExplainContext,
  checks: readonly UrlCheck[],
  signature: UrlCheck,
  oss: UrlExplanation['oss'],
): { readonly verdict: Verdict; readonly reason: string } {
  const failures = checks.filter((c) => c.status === 'fail');
  if (failures.length > 0) {
    const more = failures.length > 1 ? ` (and ${failures.length - 1} more problem${failures.length > 2 ? 's' : ''})` : '';
    return { verdict: 'refused', reason: failures[0]!.detail + more };
  }
  if (oss) return { verdict: 'refused', reason: `OSS answers ${oss.status} ${oss.code}: ${oss.message}` };
  if (signature.status !== 'ok') return { verdict: 'unverified', reason: `no problem found, but ${signature.detail}` };
  const { url, method, headers, nowMs } = ctx;
  const left = url.expiresAt === undefined ? '' : `; valid for another ${formatDuration((url.expiresAt - nowMs) / 1000)}`;
  return { verdict: 'accepted', reason: `OSS would accept it: the signature matches ${method} with ${describeHeaders(headers)}${left}` };
}
