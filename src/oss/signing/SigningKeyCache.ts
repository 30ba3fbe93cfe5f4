import { createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Credentials } from '../Credentials.js';
import { deriveSigningKey } from './SignatureV4.js';

/**
 * Derived V4 signing keys, per credential and per date, region and product.
 * Keys are held as `KeyObject`s (which never print their bytes) in a map keyed
 * by the credentials object itself, so they die with it, and at most
 * `perCredential` scopes are kept for each credential, oldest dropped first.
 */
export class SigningKeyCache {
  readonly #byCredentials = new WeakMap<Credentials, Map<string, KeyObject>>();
  readonly #perCredential: number;

  constructor(perCredential = 16) {
    this.#perCredential = perCredential;
  }

  get(credentials: Credentials, date: string, region: string, product: string): KeyObject {
    let scopes = this.#byCredentials.get(credentials);
    if (!scopes) {
      scopes = new Map();
      this.#byCredentials.set(credentials, scopes);
    }
    const scope = `${date}/${region}/${product}`;
    const hit = scopes.get(scope);
    if (hit) return hit;
    const key = createSecretKey(deriveSigningKey(credentials.revealSecret(), date, region, product));
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

/** The process-wide cache the signers share. */
export const signingKeys = new SigningKeyCache();
