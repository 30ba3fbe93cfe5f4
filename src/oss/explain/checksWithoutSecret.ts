import { MAX_SKEW_MS, MAX_V4_EXPIRES } from '../verify/authenticateOssRequest.js';
import { PLUS_SENSITIVE } from './PresignedUrl.js';
import type { ExplainContext } from './ExplainContext.js';
import { formatDuration, formatInstant } from './formatDuration.js';
import { urlCheck as check } from './UrlExplanation.js';
import type { UrlCheck } from './UrlExplanation.js';

function parametersCheck({ url }: ExplainContext): UrlCheck {
  if (url.faults.length > 0) return check('parameters', 'fail', `${url.faults.join('; ')}: OSS refuses the URL`);
  const names = url.version === 'v4' ? 'x-oss-signature-version, x-oss-credential, x-oss-date, x-oss-expires, x-oss-signature' : 'OSSAccessKeyId, Expires, Signature';
  return check('parameters', 'ok', `${names} are present and well formed`);
}

function plusCheck({ url }: ExplainContext): UrlCheck {
  const fatal = url.rawPlus.filter((n) => PLUS_SENSITIVE.has(n));
  const other = url.rawPlus.filter((n) => !PLUS_SENSITIVE.has(n));
  if (fatal.length > 0) {
    return check(
      'plus-sign',
      'fail',
      `${fatal.join(' and ')} ${fatal.length > 1 ? 'hold' : 'holds'} a raw '+', which OSS reads as a space, so it sees another ` +
        `${fatal.some((n) => /signature/i.test(n)) ? 'signature' : 'value'}: write each '+' as %2B ` +
        '(something decoded the URL, or built it without encoding its parameters)',
    );
  }
  if (other.length > 0) {
    return check('plus-sign', 'warn', `${other.join(', ')} ${other.length > 1 ? 'hold' : 'holds'} a raw '+', which OSS reads as a space; if a plus sign is meant, write %2B`);
  }
  return check('plus-sign', 'ok', "no raw '+' in the query");
}

function expiresRangeCheck({ url }: ExplainContext): UrlCheck {
  if (url.expiresIn === undefined) return check('expires-range', 'skipped', 'x-oss-expires is unreadable');
  if (url.expiresIn < 1 || url.expiresIn > MAX_V4_EXPIRES) {
    return check('expires-range', 'fail', `x-oss-expires ${url.expiresIn} is outside 1 to ${MAX_V4_EXPIRES} seconds (7 days): OSS refuses it (InvalidArgument)`);
  }
  return check('expires-range', 'ok', `x-oss-expires ${url.expiresIn} s (${formatDuration(url.expiresIn)}) is within 1 s to 7 days`);
}

function expiryCheck({ url, nowMs }: ExplainContext): UrlCheck {
  if (url.expiresAt === undefined) return check('expiry', 'skipped', 'the expiry is unreadable');
  const left = Math.floor((url.expiresAt - nowMs) / 1000);
  if (nowMs > url.expiresAt) {
    return check('expiry', 'fail', `it expired ${formatDuration(Math.ceil((nowMs - url.expiresAt) / 1000))} ago, at ${formatInstant(url.expiresAt)} (OSS: AccessDenied, Request has expired)`);
  }
  return check('expiry', 'ok', `valid for another ${formatDuration(left)}, until ${formatInstant(url.expiresAt)}`);
}

function skewCheck({ url, nowMs }: ExplainContext): UrlCheck {
  if (url.signedAt === undefined) return check('clock-skew', 'skipped', 'x-oss-date is unreadable');
  const ahead = Math.floor((url.signedAt - nowMs) / 1000);
  if (url.signedAt - nowMs > MAX_SKEW_MS) {
    return check(
      'clock-skew',
      'fail',
      `x-oss-date ${formatInstant(url.signedAt)} is ${formatDuration(ahead)} in the future: OSS refuses a URL used more than 15 minutes before it was signed ` +
        '(AccessDenied); the signing clock runs ahead',
    );
  }
  if (ahead > 0) {
    return check('clock-skew', 'warn', `x-oss-date is ${formatDuration(ahead)} in the future, within the 15 minutes OSS tolerates: the signing clock runs ahead`);
  }
  return check('clock-skew', 'ok', `signed ${formatDuration(ahead)} ago, at ${formatInstant(url.signedAt)}`);
}

function regionCheck({ url }: ExplainContext): UrlCheck {
  if (!url.scope) return check('region', 'skipped', 'x-oss-credential is unreadable');
  const scoped = `${url.scope.region}/${url.scope.product}`;
  if (!url.hostScope) return check('region', 'skipped', `the host names no region; the signature is scoped to ${scoped}`);
  const hosted = `${url.hostScope.region}/${url.hostScope.product}`;
  if (scoped !== hosted) {
    return check(
      'region',
      'fail',
      `x-oss-credential is scoped to ${scoped}, but the host ${url.host} is the endpoint of ${hosted}: OSS refuses a signature scoped to ` +
        "another region or product (ossduck serve accepts any region); sign with the bucket's region",
    );
  }
  return check('region', 'ok', `x-oss-credential is scoped to ${scoped}, the host's region`);
}

/**
 * Every check that needs no secret, in report order: the parameters, raw
 * `+`, then for V4 the x-oss-expires range, the expiry, and for V4 the clock
 * skew and the region.
 */
export function checksWithoutSecret(ctx: ExplainContext): UrlCheck[] {
  const checks: UrlCheck[] = [parametersCheck(ctx), plusCheck(ctx)];
  if (ctx.url.version === 'v4') checks.push(expiresRangeCheck(ctx));
  checks.push(expiryCheck(ctx));
  if (ctx.url.version === 'v4') checks.push(skewCheck(ctx), regionCheck(ctx));
  return checks;
}
