import { inspect } from 'node:util';
import { OssError } from './OssError.js';

/** An AccessKey pair as plain data, the form `openOssduck` takes. */
export interface AccessKeyPair {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string | undefined;
}

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

/**
 * `value` as Credentials: a Credentials instance as it is, a plain
 * `{ accessKeyId, accessKeySecret, securityToken? }` checked and wrapped.
 * `what` names the argument in the error, which never shows a value.
 */
export function toCredentials(value: Credentials | AccessKeyPair, what: string): Credentials {
  if (value instanceof Credentials) return value;
  const allowed = `${what} must be a Credentials or a plain { accessKeyId, accessKeySecret, securityToken? } of non-empty strings`;
  const refuse = (got: string): never => {
    throw OssError.invalidArgument(`${allowed}; ${got}`);
  };
  if (typeof value !== 'object' || value === null) return refuse(`got ${value === null ? 'null' : typeof value}`);
  const { accessKeyId, accessKeySecret, securityToken } = value as { readonly [K in keyof AccessKeyPair]?: unknown };
  const filled = (v: unknown): v is string => typeof v === 'string' && v !== '';
  const tokenShape = securityToken === undefined || typeof securityToken === 'string';
  if (!filled(accessKeyId) || !filled(accessKeySecret) || !tokenShape) {
    const problems = [
      ...(filled(accessKeyId) ? [] : ['accessKeyId is not a non-empty string']),
      ...(filled(accessKeySecret) ? [] : ['accessKeySecret is not a non-empty string']),
      ...(tokenShape ? [] : ['securityToken is not a string']),
    ];
    return refuse(problems.join(', '));
  }
  return new Credentials({ accessKeyId, accessKeySecret, securityToken: securityToken as string | undefined });
}
