import { MAX_URL_TTL, MIN_URL_TTL } from '../catalog/TableUrlProperties.js';
import { FunctionError } from './FunctionError.js';
import { formatWallTime } from './readArguments.js';

/** What a call asked for: a TTL in seconds, an expiration instant (epoch ms), or neither. */
export interface LifetimeRequest {
  readonly ttl: number | null;
  readonly expiration: number | null;
}

/** How the function's arguments are called in messages. */
export interface LifetimeNames {
  /** `timeToLiveSeconds`, or `option ttl`. */
  readonly ttl: string;
  /** `expiration`, or `option expiration`. */
  readonly expiration: string;
  /** How to give only one of them: `give one of them and NULL for the other`. */
  readonly exclusiveHint: string;
}

export interface Lifetime {
  /** Seconds from the signing instant to expiry. */
  readonly expiresIn: number;
  /** What was asked, for messages (`timeToLiveSeconds 7200`); undefined when the default applied. */
  readonly asked: string | undefined;
}

/**
 * The lifetime of a URL: the TTL, or the seconds from the signing instant to
 * the expiration, each 1..604800; the default when neither is given. TTL and
 * expiration are mutually exclusive. Errors name the argument, the value and
 * the allowed range. The default is asked for only when it applies (it may
 * depend on a table that is looked up only then).
 */
export function urlLifetime(
  fn: string,
  request: LifetimeRequest,
  names: LifetimeNames,
  signTimeMs: number,
  timezone: string,
  defaultTtl: () => number,
): Lifetime {
  const { ttl, expiration } = request;
  if (ttl !== null && expiration !== null) {
    throw FunctionError.invalid(
      fn,
      `${names.ttl} (${ttl}) and ${names.expiration} (${formatWallTime(expiration, timezone)}) are mutually exclusive: ${names.exclusiveHint}`,
    );
  }
  const signTime = Math.floor(signTimeMs / 1000);
  if (expiration !== null) {
    const expiresIn = Math.floor(expiration / 1000) - signTime;
    if (expiresIn < MIN_URL_TTL || expiresIn > MAX_URL_TTL) {
      const relation = expiresIn < MIN_URL_TTL ? `${-expiresIn} s before or at` : `${expiresIn} s after`;
      throw FunctionError.outOfRange(
        fn,
        `${names.expiration} ${formatWallTime(expiration, timezone)} lies ${relation} the signing instant ${formatWallTime(signTimeMs, timezone)}; ` +
          `it must lie ${MIN_URL_TTL} to ${MAX_URL_TTL} seconds (7 days) after it`,
      );
    }
    return { expiresIn, asked: `${names.expiration} ${formatWallTime(expiration, timezone)}` };
  }
  if (ttl !== null) {
    if (!Number.isInteger(ttl) || ttl < MIN_URL_TTL || ttl > MAX_URL_TTL) {
      throw FunctionError.outOfRange(fn, `${names.ttl} ${ttl} is out of range; allowed ${MIN_URL_TTL} to ${MAX_URL_TTL} seconds (7 days)`);
    }
    return { expiresIn: ttl, asked: `${names.ttl} ${ttl}` };
  }
  return { expiresIn: defaultTtl(), asked: undefined };
}
