import type { AssumeRoleCall, AssumeRoleResult } from './bridge/BridgeProtocol.js';
import { Credentials } from './Credentials.js';
import { OssError } from './OssError.js';
import type { Origin } from './OssRouting.js';
import { STS_MAX_DURATION, STS_MIN_DURATION } from './StsClient.js';

/** A token is renewed when less than this is left beyond what is needed. */
const RENEW_MARGIN_MS = 5 * 60 * 1000;

export interface RoleNeed {
  readonly roleArn: string;
  /** Region of the table, for the STS endpoint when no STS origin is routed. */
  readonly region: string;
  /** The token must stay valid until this instant (epoch ms). */
  readonly validUntil: number;
  /** What the credentials are for, in messages: "timeToLiveSeconds 7200 of table p.s.t". */
  readonly purpose: string;
}

/**
 * STS credentials per role: AssumeRole with the base credentials, cached and
 * renewed before they run out. A token is asked for as long as the need
 * requires (900 to 43200 seconds, the range STS grants); a need beyond what a
 * token can last is an error, never a URL that dies before its time.
 */
export class RoleCredentials {
  readonly #cache = new Map<string, Credentials>();
  readonly #now: () => number;
  readonly #sts: () => Origin | undefined;

  constructor(options: { now: () => number; sts: () => Origin | undefined }) {
    this.#now = options.now;
    this.#sts = options.sts;
  }

  /** Cached credentials that cover `need`, or the AssumeRole call that gets them. */
  plan(base: Credentials, need: RoleNeed): { readonly cached: Credentials } | { readonly call: AssumeRoleCall } {
    const now = this.#now();
    const cacheKey = `${need.roleArn}\u0000${base.accessKeyId}`;
    const cached = this.#cache.get(cacheKey);
    if (cached?.expiration && cached.expiration.getTime() - RENEW_MARGIN_MS >= need.validUntil) return { cached };
    const seconds = Math.ceil((need.validUntil - now + RENEW_MARGIN_MS) / 1000);
    if (seconds > STS_MAX_DURATION) {
      const most = STS_MAX_DURATION - RENEW_MARGIN_MS / 1000;
      throw OssError.credentials(
        `${need.purpose} needs credentials valid for ${Math.ceil((need.validUntil - now) / 1000)} s, but the table signs through the role ` +
          `${need.roleArn} and an STS token lasts at most ${STS_MAX_DURATION} s; use at most ${most} s`,
      );
    }
    return {
      call: {
        credentials: { accessKeyId: base.accessKeyId, accessKeySecret: base.revealSecret(), securityToken: base.securityToken },
        roleArn: need.roleArn,
        roleSessionName: 'ossduck',
        durationSeconds: Math.max(STS_MIN_DURATION, seconds),
        stsOrigin: this.#sts(),
        region: need.region,
      },
    };
  }

  /** The temporary credentials held now (to verify URLs signed with them). */
  held(): Credentials[] {
    return [...this.#cache.values()];
  }

  /** Keeps what AssumeRole returned and checks that it covers the need. */
  keep(base: Credentials, need: RoleNeed, result: AssumeRoleResult): Credentials {
    const expiration = new Date(result.expiration);
    if (Number.isNaN(expiration.getTime())) throw OssError.credentials(`STS returned an unreadable Expiration '${result.expiration}'`);
    const credentials = new Credentials({
      accessKeyId: result.accessKeyId,
      accessKeySecret: result.accessKeySecret,
      securityToken: result.securityToken,
      expiration,
    });
    this.#cache.set(`${need.roleArn}\u0000${base.accessKeyId}`, credentials);
    if (expiration.getTime() < need.validUntil) {
      throw OssError.credentials(
        `${need.purpose} needs credentials valid until ${new Date(need.validUntil).toISOString()}, but STS issued a token for the role ` +
          `${need.roleArn} that expires at ${expiration.toISOString()}`,
      );
    }
    return credentials;
  }
}
