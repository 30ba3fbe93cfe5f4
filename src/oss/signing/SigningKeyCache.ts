import { createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Credentials } from '../Credentials.js';
import { FastHmac } from './FastHmac.js';
import { HmacSha1Key } from './HmacSha1.js';
import { deriveSigningKey } from './SignatureV4.js';

interface CachedKey {
  readonly key: KeyObject;
  readonly hmac: FastHmac;
}

/**
 * Derived V4 signing keys, per credential and per date, region and product.
 * Keys are held as `KeyObject`s (which never print their bytes) in a map keyed
 * by the credentials object itself, so they die with it, and at most
 * `perCredential` scopes are kept for each credential, oldest dropped first.
 */
export class SigningKeyCache {
  readonly #byCredentials = new WeakMap<Credentials, Map<string, CachedKey>>();
  readonly #v1 = new WeakMap<Credentials, HmacSha1Key>();
  readonly #perCredential: number;

  constructor(perCredential = 16) {
    this.#perCredential = perCredential;
  }

  get(credentials: Credentials, date: string, region: string, product: string): KeyObject {
    return this.#entry(credentials, date, region, product).key;
  }

  /** The derived key of a scope, prepared for HMAC-SHA256 of many messages. */
  hmac(credentials: Credentials, date: string, region: string, product: string): FastHmac {
    return this.#entry(credentials, date, region, product).hmac;
  }

  /** The AccessKey secret prepared for V1's HMAC-SHA1 of many messages. */
  v1(credentials: Credentials): HmacSha1Key {
    let hmac = this.#v1.get(credentials);
    if (!hmac) {
      const secret = Buffer.from(credentials.revealSecret(), 'utf8');
      hmac = new HmacSha1Key(secret);
      secret.fill(0);
      this.#v1.set(credentials, hmac);
    }
    return hmac;
  }

  #entry(credentials: Credentials, date: string, region: string, product: string): CachedKey {
    let scopes = this.#byCredentials.get(credentials);
    if (!scopes) {
      scopes = new Map();
      this.#byCredentials.set(credentials, scopes);
    }
    const scope = `${date}/${region}/${product}`;
    const hit = scopes.get(scope);
    if (hit) return hit;
    const raw = deriveSigningKey(credentials.revealSecret(), date, region, product);
    const key = { key: createSecretKey(raw), hmac: new FastHmac('sha256', raw) };
    raw.fill(0);
    scopes.set(scope, key);
    while (scopes.size > this.#perCredential) {
      const oldest = scopes.keys().next().value;
      if (oldest === undefined) break;
      scopes.delete(oldest);
    }
    return key;
  }

  /** How many scopes are cached for `credentials` (for tests). */
  size(credentials: Credentials): number {
    return this.#byCredentials.get(credentials)?.size ?? 0;
  }
}
