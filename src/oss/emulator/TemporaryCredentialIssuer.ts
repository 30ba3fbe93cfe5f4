import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { OssServiceError } from './OssServiceError.js';

/** What an emulated STS token stands for. */
export interface TemporaryGrant {
  readonly accessKeyId: string;
  readonly expiresAtMs: number;
  readonly roleArn: string;
  readonly sessionName: string;
}

export interface IssuedCredentials extends TemporaryGrant {
  readonly accessKeySecret: string;
  readonly securityToken: string;
}

const TOKEN_PREFIX = 'CAIS';
const MAC_BYTES = 32;
const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789';

function randomText(length: number, random: (size: number) => Buffer): string {
  const bytes = random(length);
  let out = '';
  for (const byte of bytes) out += ID_ALPHABET[byte % ID_ALPHABET.length];
  return out;
}

function splitToken(securityToken: string): { payload: Buffer; mac: Buffer } | undefined {
  if (!securityToken.startsWith(TOKEN_PREFIX)) return undefined;
  const raw = Buffer.from(securityToken.slice(TOKEN_PREFIX.length), 'base64');
  if (raw.length <= MAC_BYTES || raw.toString('base64') !== securityToken.slice(TOKEN_PREFIX.length)) return undefined;
  return { payload: raw.subarray(0, raw.length - MAC_BYTES), mac: raw.subarray(raw.length - MAC_BYTES) };
}

function grantOf(payload: Buffer): TemporaryGrant | undefined {
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
 * Issues and checks the emulator's STS credentials without storing them.
 *
 * A security token is `CAIS` + base64(grant JSON + HMAC-SHA256 of it) under a
 * key drawn at random when the emulator starts and never written anywhere;
 * the temporary secret of an `STS.` AccessKeyId is an HMAC of the id under the
 * same key. So any token the emulator issued can be checked (and its expiry
 * told apart from forgery) at no memory cost, and restarting the emulator
 * invalidates every token it issued, as a new STS account would.
 */
export class TemporaryCredentialIssuer {
  readonly #key: Buffer;
  readonly #random: (size: number) => Buffer;

  constructor(random: (size: number) => Buffer = randomBytes) {
    this.#random = random;
    this.#key = random(32);
  }

  issue(roleArn: string, sessionName: string, expiresAtMs: number): IssuedCredentials {
    const accessKeyId = `STS.${randomText(24, this.#random)}`;
    const grant: TemporaryGrant = { accessKeyId, expiresAtMs, roleArn, sessionName };
    const payload = Buffer.from(JSON.stringify({ ...grant, n: this.#random(12).toString('base64') }), 'utf8');
    const mac = createHmac('sha256', this.#key).update(payload).digest();
    return {
      ...grant,
      accessKeySecret: this.secretOf(accessKeyId),
      securityToken: TOKEN_PREFIX + Buffer.concat([payload, mac]).toString('base64'),
    };
  }

  /** The grant behind a token this issuer made, or undefined for anything else. */
  verify(securityToken: string): TemporaryGrant | undefined {
    const parts = splitToken(securityToken);
    if (!parts || !timingSafeEqual(parts.mac, createHmac('sha256', this.#key).update(parts.payload).digest())) return undefined;
    return grantOf(parts.payload);
  }

  /**
   * What a token in the emulator's format says about itself (temporary
   * AccessKeyId, expiry, role), read without its MAC: anyone can read it, only
   * the issuing emulator can vouch for it. Undefined for any other token (real
   * STS tokens are opaque).
   */
  static readClaims(securityToken: string): TemporaryGrant | undefined {
    const parts = splitToken(securityToken);
    return parts ? grantOf(parts.payload) : undefined;
  }

  /** The secret of a temporary AccessKeyId (only meaningful with its valid token). */
  secretOf(accessKeyId: string): string {
    return createHmac('sha256', this.#key).update(`secret:${accessKeyId}`).digest('base64').replace(/[+/=]/g, '').slice(0, 40);
  }
}
