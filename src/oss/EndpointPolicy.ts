import { OssError } from './OssError.js';

/** One entry of an endpoint list: a host (or every host under a domain), on one port or the default ones. */
interface EndpointRule {
  /** `example.com` for the host itself; `.example.com` for every host under it (`*.example.com`). */
  readonly host: string;
  readonly wildcard: boolean;
  /** undefined: 443 and 80 (https and http). */
  readonly port: number | undefined;
  readonly text: string;
}

/** Alibaba Cloud's OSS and STS endpoints: what sandbox mode reaches without being told more. */
export const ALIBABA_CLOUD_ENDPOINTS = '*.aliyuncs.com';

/** Reads `HOST[:PORT]` and `*.DOMAIN[:PORT]` entries separated by commas; an error names `what` and the bad entry. */
export function parseEndpointList(text: string, what: string): EndpointRule[] {
  const rules: EndpointRule[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    const match = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:]+\])(?::(\d{1,5}))?$/.exec(entry);
    const port = match?.[6] === undefined ? undefined : Number(match[6]);
    if (!match || (port !== undefined && (port < 1 || port > 65535))) {
      throw OssError.invalidLocation(`${what}: '${raw.trim()}' is not an endpoint; give HOST, HOST:PORT or *.DOMAIN, separated by commas, e.g. *.aliyuncs.com,127.0.0.1:9000`);
    }
    rules.push({ host: match[1] ? `.${match[2]!}` : match[2]!, wildcard: match[1] !== undefined, port, text: raw.trim() });
  }
  return rules;
}

function split(hostPort: string): { host: string; port: number | undefined } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostPort.toLowerCase());
  return { host: match?.[1] ?? hostPort.toLowerCase(), port: match?.[2] === undefined ? undefined : Number(match[2]) };
}

/**
 * Which hosts ossduck's own requests may reach (REFRESH METADATA,
 * GET_DATA_FROM_OSS, oss_presign_prefix, STS AssumeRole): everything, or only
 * the endpoints of a list. The list is checked before any connection is
 * made, with the host a request goes to (the routed origin, or the
 * LOCATION's endpoint).
 */
export class EndpointPolicy {
  readonly #rules: readonly EndpointRule[] | undefined;
  /** Where the list came from, for messages (`ossduck.allowed_endpoints`, `sandbox mode`). */
  readonly source: string;

  private constructor(rules: readonly EndpointRule[] | undefined, source: string) {
    this.#rules = rules;
    this.source = source;
  }

  static anywhere(): EndpointPolicy {
    return new EndpointPolicy(undefined, 'no endpoint list');
  }

  /** Only the endpoints of `lists` (each a comma-separated list). */
  static only(lists: readonly string[], source: string): EndpointPolicy {
    return new EndpointPolicy(
      lists.flatMap((l) => parseEndpointList(l, source)),
      source,
    );
  }

  get restricted(): boolean {
    return this.#rules !== undefined;
  }

  /** The list as given, for messages. */
  describe(): string {
    return this.#rules === undefined ? 'any endpoint' : this.#rules.map((r) => r.text).join(', ') || 'none';
  }

  /** Whether a request may go to `hostPort` (`host` or `host:port`) over `scheme`. */
  allows(hostPort: string, scheme: 'http' | 'https'): boolean {
    if (this.#rules === undefined) return true;
    const { host, port } = split(hostPort);
    const effective = port ?? (scheme === 'https' ? 443 : 80);
    return this.#rules.some((rule) => {
      const hostMatches = rule.wildcard ? host.endsWith(rule.host) && host.length > rule.host.length : host === rule.host;
      const portMatches = rule.port === undefined ? effective === 443 || effective === 80 : effective === rule.port;
      return hostMatches && portMatches;
    });
  }

  /** Throws, naming `what` and the list, unless a request may go to `hostPort`. */
  check(hostPort: string, scheme: 'http' | 'https', what: string): void {
    if (this.allows(hostPort, scheme)) return;
    throw OssError.endpointRefused(
      `${what} would reach ${scheme}://${hostPort}, which is not on the allowed endpoints (${this.source}: ${this.describe()}); ` +
        "ossduck's own requests go only to endpoints on that list, given when ossduck starts (--allow-endpoint, --oss-endpoint, ossduck.allowed_endpoints)",
    );
  }
}
