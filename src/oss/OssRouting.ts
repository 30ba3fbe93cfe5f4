import { OssError } from './OssError.js';
import { needsPathStyle } from './OssEndpoint.js';
import type { UrlAddress } from './signing/UrlAddress.js';

/** Where requests really go: an http(s) origin such as `http://127.0.0.1:9000`. */
export interface Origin {
  readonly scheme: 'http' | 'https';
  /** Host with an optional port. */
  readonly host: string;
}

/**
 * Overrides of where OSS and STS requests go (`OSSDUCK_OSS_ENDPOINT`,
 * `OSSDUCK_STS_ENDPOINT`, `--oss-endpoint`, `--sts-endpoint`). With an OSS
 * origin, every request and every generated URL goes there, while the signing
 * region still comes from the object table's LOCATION.
 */
export interface OssRouting {
  readonly oss?: Origin | undefined;
  readonly sts?: Origin | undefined;
}

/** Reads `http://host:port` (or https); anything else is an error naming `what`. */
export function parseOrigin(text: string, what: string): Origin {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw OssError.invalidLocation(`${what} '${text}' is not a URL: expected http://<host>:<port> or https://<host>`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw OssError.invalidLocation(`${what} '${text}' must be http:// or https://`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.username !== '' || url.password !== '') {
    throw OssError.invalidLocation(`${what} '${text}' must be an origin only (scheme, host and port), with no path, query or user`);
  }
  return { scheme: url.protocol === 'https:' ? 'https' : 'http', host: url.host };
}

/** Routing from the environment (`OSSDUCK_OSS_ENDPOINT`, `OSSDUCK_STS_ENDPOINT`). */
export function routingFromEnvironment(env: NodeJS.ProcessEnv): OssRouting {
  const oss = env['OSSDUCK_OSS_ENDPOINT'];
  const sts = env['OSSDUCK_STS_ENDPOINT'];
  return {
    oss: oss ? parseOrigin(oss, 'OSSDUCK_OSS_ENDPOINT') : undefined,
    sts: sts ? parseOrigin(sts, 'OSSDUCK_STS_ENDPOINT') : undefined,
  };
}

/**
 * How URLs of a location's objects are written: the routed origin if there is
 * one, else https to the location's endpoint; path style for IP and localhost
 * hosts, the bucket in the host otherwise.
 */
export function addressFor(endpoint: string, routing: OssRouting): UrlAddress {
  const origin = routing.oss ?? { scheme: 'https', host: endpoint };
  return { scheme: origin.scheme, host: origin.host, style: needsPathStyle(origin.host) ? 'path' : 'virtual' };
}
