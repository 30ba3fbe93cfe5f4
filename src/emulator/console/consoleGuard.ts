import type { IncomingMessage } from 'node:http';

/** Fetch metadata values a same-origin page, or a person typing the address, sends. */
const OWN_SITES = new Set(['same-origin', 'none']);

/**
 * The Host values the console answers to: the address it listens on, and
 * `localhost` with the same port when that address is a loopback one (a name
 * no DNS answer can rebind: browsers resolve it locally).
 */
export function allowedHosts(host: string, port: number): string[] {
  const bracketed = host.includes(':') ? `[${host}]` : host;
  const hosts = [`${bracketed}:${port}`];
  if (host === '127.0.0.1' || host === '::1' || host === 'localhost') hosts.push(`localhost:${port}`);
  return hosts;
}

/**
 * Why a request may not reach the console, or undefined when it may. The
 * console is local: its Host must be one of `hosts` (a page of another site
 * that got its name resolved to this address, DNS rebinding, sends its own
 * name); an Origin, when sent, must be this console's (cross-site scripts
 * send theirs); Sec-Fetch-Site, when sent, must say same-origin or none.
 * `needsOrigin` (requests that act, such as minting a download URL) also
 * requires the Origin to be present.
 */
export function consoleGuardProblem(req: IncomingMessage, hosts: readonly string[], needsOrigin: boolean): string | undefined {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.includes(host)) {
    return `Host '${host}' is not this console's address (${hosts.join(' or ')}): the console answers only to its own address`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const allowed = hosts.flatMap((h) => [`http://${h}`, `https://${h}`]);
    if (!allowed.includes(origin.toLowerCase())) return `Origin '${origin}' is not this console's (${allowed[0]}): pages of other sites may not use it`;
  } else if (needsOrigin) {
    return 'this request must come from the console page (it carries no Origin)';
  }
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && !OWN_SITES.has(site.toLowerCase())) {
    return `Sec-Fetch-Site '${site}': pages of other sites may not use the console`;
  }
  return undefined;
}
