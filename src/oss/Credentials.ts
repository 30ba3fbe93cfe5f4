import { inspect } from 'node:util';

/**
 * An AccessKey pair, optionally with an STS security token. The secret is held
 * in a private field: it is never enumerable, never serialised by JSON, and
 * `util.inspect`/`console.log` show it redacted, so a credentials object that
 * ends up in an error, a log line or a result row cannot leak it.
 */
export class Credentials {
  readonly accessKeyId: string;
  readonly securityToken: string | undefined;
  /** When an STS token stops being valid; undefined for long-term keys. */
  readonly expiration: Date | undefined;
  readonly #secret: string;

  constructor(init: { accessKeyId: string; accessKeySecret: string; securityToken?: string | undefined; expiration?: Date | undefined }) {
    this.accessKeyId = init.accessKeyId;
    this.#secret = init.accessKeySecret;
    this.securityToken = init.securityToken === '' ? undefined : init.securityToken;
    this.expiration = init.expiration;
  }

  /** The AccessKey secret, for signing code only. */
  revealSecret(): string {
    return this.#secret;
  }

  /** Whether `other` is the same key pair and token (secrets compared too). */
  sameAs(other: Credentials): boolean {
    return (
      this.accessKeyId === other.accessKeyId &&
      this.#secret === other.#secret &&
      this.securityToken === other.securityToken
    );
  }

  toJSON(): object {
    return this.describe();
  }

  [inspect.custom](): string {
    return `Credentials ${inspect(this.describe())}`;
  }

  toString(): string {
    return `Credentials(${this.accessKeyId})`;
  }

  private describe(): object {
    return {
      accessKeyId: this.accessKeyId,
      accessKeySecret: '<redacted>',
      securityToken: this.securityToken === undefined ? undefined : '<present>',
      expiration: this.expiration?.toISOString(),
    };
  }
}
