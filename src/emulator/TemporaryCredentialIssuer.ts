import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { grantOf, readTokenClaims, splitToken, TOKEN_PREFIX } from '../oss/verify/TemporaryToken.js';
import type { TemporaryGrant } from '../oss/verify/TemporaryToken.js';

export interface IssuedCredentials extends TemporaryGrant {
  readonly accessKeySecret: string;
  readonly securityToken: string;
}

const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789';

function randomText(length: number, random: (size: number) => Buffer): string {
  const bytes = random(length);
  let out = '';
  for (const byte of bytes) out += ID_ALPHABET[byte % ID_ALPHABET.length];
  return out;
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

  /** What a token says about itself, unverified (see readTokenClaims). */
  static readClaims(securityToken: string): TemporaryGrant | undefined {
    return readTokenClaims(securityToken);
  }

  /** The secret of a temporary AccessKeyId (only meaningful with its valid token). */
  secretOf(accessKeyId: string): string {
    return createHmac('sha256', this.#key).update(`secret:${accessKeyId}`).digest('base64').replace(/[+/=]/g, '').slice(0, 40);
  }
}
