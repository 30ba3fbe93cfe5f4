import { OssServiceError } from './OssServiceError.js';

/** What an emulated STS token stands for. */
export interface TemporaryGrant {
  readonly accessKeyId: string;
  readonly expiresAtMs: number;
  readonly roleArn: string;
  readonly sessionName: string;
}

/** Every token of the local OSS's STS starts so, as Alibaba Cloud's STS tokens do. */
export const TOKEN_PREFIX = 'CAIS';
const MAC_BYTES = 32;

export function splitToken(securityToken: string): { payload: Buffer; mac: Buffer } | undefined {
  if (!securityToken.startsWith(TOKEN_PREFIX)) return undefined;
  const raw = Buffer.from(securityToken.slice(TOKEN_PREFIX.length), 'base64');
  if (raw.length <= MAC_BYTES || raw.toString('base64') !== securityToken.slice(TOKEN_PREFIX.length)) return undefined;
  return { payload: raw.subarray(0, raw.length - MAC_BYTES), mac: raw.subarray(raw.length - MAC_BYTES) };
}

export function grantOf(payload: Buffer): TemporaryGrant | undefined {
  let grant: Partial<Record<keyof TemporaryGrant, unknown>>;
  try {
    grant = JSON.parse(payload.toString('utf8')) as Partial<Record<keyof TemporaryGrant, unknown>>;
  } catch {
    return undefined;
  }
  const { accessKeyId, expiresAtMs, roleArn, sessionName } = grant ?? {};
  if (typeof accessKeyId !== 'string' || typeof expiresAtMs !== 'number' || typeof roleArn !== 'string' || typeof sessionName !== 'string') {
    return undefined;
  }
  return { accessKeyId, expiresAtMs, roleArn, sessionName };
}

/**
 * Why OSS refuses a temporary AccessKeyId with the token behind `grant` at
 * `nowMs`, or undefined when the grant covers it: a token of another key, or
 * one past its expiration.
 */
export function grantProblem(grant: TemporaryGrant, accessKeyId: string, nowMs: number): OssServiceError | undefined {
  if (grant.accessKeyId !== accessKeyId) {
    return accessKeyId.startsWith('STS.') ? OssServiceError.tokenKeyMismatch() : OssServiceError.invalidAccessKeyId(accessKeyId);
  }
  if (nowMs >= grant.expiresAtMs) return OssServiceError.securityTokenExpired();
  return undefined;
}

/**
 * What a token in the local OSS's format says about itself (temporary
 * AccessKeyId, expiry, role), read without its MAC: anyone can read it, only
 * the issuing emulator can vouch for it. Undefined for any other token (real
 * STS tokens are opaque).
 */
export function readTokenClaims(securityToken: string): TemporaryGrant | undefined {
  const parts = splitToken(securityToken);
  return parts ? grantOf(parts.payload) : undefined;
}
