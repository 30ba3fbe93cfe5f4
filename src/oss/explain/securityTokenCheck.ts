import type { Credentials } from '../Credentials.js';
import { OssServiceError } from '../verify/OssServiceError.js';
import { grantProblem, readTokenClaims } from '../verify/TemporaryToken.js';
import type { TemporaryGrant } from '../verify/TemporaryToken.js';
import type { ExplainContext, KeyCheck } from './ExplainContext.js';
import { formatDuration, formatInstant } from './formatDuration.js';
import { describeToken, summarizeToken } from './TokenSummary.js';
import { urlCheck as check } from './UrlExplanation.js';
import type { CheckStatus } from './UrlExplanation.js';

function tokenCheck(status: CheckStatus, detail: string, refusal?: OssServiceError): KeyCheck {
  return { check: check('security-token', status, detail), refusal };
}

function relative(deltaSeconds: number): string {
  return deltaSeconds >= 0 ? `in ${formatDuration(deltaSeconds)}` : `${formatDuration(deltaSeconds)} ago`;
}

/** A token an ossduck emulator issued, judged by what it says about itself: its key and its expiry. */
function emulatorTokenCheck({ url, nowMs }: ExplainContext, claims: TemporaryGrant, shown: string): KeyCheck {
  const id = url.accessKeyId;
  const problem = id === undefined ? undefined : grantProblem(claims, id, nowMs);
  if (problem && claims.accessKeyId !== id) {
    return tokenCheck('fail', `the security token ${shown} belongs to ${claims.accessKeyId}, not to the URL's AccessKeyId ${id} (OSS: ${problem.code})`, problem);
  }
  if (problem) {
    return tokenCheck(
      'fail',
      `the security token expired ${formatDuration((nowMs - claims.expiresAtMs) / 1000)} ago, at ${formatInstant(claims.expiresAtMs)} ` +
        '(the expiry written in the token): OSS answers SecurityTokenExpired; sign a new URL with fresh credentials',
      problem,
    );
  }
  if (url.expiresAt !== undefined && url.expiresAt > claims.expiresAtMs) {
    return tokenCheck(
      'warn',
      `the security token expires at ${formatInstant(claims.expiresAtMs)}, ${formatDuration((url.expiresAt - claims.expiresAtMs) / 1000)} before the URL: ` +
        'from then on OSS answers SecurityTokenExpired',
    );
  }
  return tokenCheck(
    'ok',
    `an ossduck emulator token ${shown}, valid until ${formatInstant(claims.expiresAtMs)} by its own claim (only the emulator that issued it can vouch for it)`,
  );
}

/** The URL's token against the token of the credentials held for its AccessKeyId. */
function heldTokenCheck({ url, nowMs, owner }: ExplainContext, held: Credentials, shown: string): KeyCheck {
  const id = url.accessKeyId;
  if (held.securityToken === url.securityToken) {
    const expiration = held.expiration?.getTime();
    if (expiration !== undefined && nowMs >= expiration) {
      return tokenCheck(
        'fail',
        `the security token (${owner}) expired ${relative((expiration - nowMs) / 1000)} at ${formatInstant(expiration)}: OSS answers SecurityTokenExpired`,
        OssServiceError.securityTokenExpired(),
      );
    }
    return tokenCheck('ok', `${owner} security token ${shown}; whether STS still honours it is checked by OSS`);
  }
  if (held.securityToken === undefined) {
    return tokenCheck(
      'fail',
      `the URL carries a security token ${shown}, but ${owner} AccessKeyId ${id} has none (a long-term key): OSS answers InvalidSecurityToken`,
      OssServiceError.invalidSecurityToken(),
    );
  }
  return tokenCheck(
    'fail',
    `the URL's security token ${shown} is not ${owner} security token for ${id}: it was changed or belongs to other credentials (OSS: InvalidSecurityToken)`,
    OssServiceError.invalidSecurityToken(),
  );
}

/**
 * The URL's security token: required for a temporary (STS) AccessKeyId;
 * an emulator token judged by its own claims; the held credentials' token
 * compared with it; any other STS token left to OSS. Never shown whole.
 */
export function securityTokenCheck(ctx: ExplainContext): KeyCheck {
  const { url, credentials } = ctx;
  const id = url.accessKeyId;
  const token = url.securityToken;
  if (token === undefined) {
    const temporary = id !== undefined && (id.startsWith('STS.') || (credentials?.accessKeyId === id && credentials.securityToken !== undefined));
    if (temporary) {
      return tokenCheck(
        'fail',
        `AccessKeyId ${id} is temporary (STS), but the URL carries no security token: OSS refuses it (InvalidAccessKeyId)`,
        OssServiceError.invalidAccessKeyId(id!),
      );
    }
    return tokenCheck('ok', 'none: signed with a long-term AccessKey');
  }
  const shown = describeToken(summarizeToken(token));
  const claims = readTokenClaims(token);
  if (claims) return emulatorTokenCheck(ctx, claims, shown);
  if (credentials && credentials.accessKeyId === id) return heldTokenCheck(ctx, credentials, shown);
  return tokenCheck('skipped', `a security token ${shown}: an STS token cannot be checked offline; OSS checks it when the URL is used`);
}
