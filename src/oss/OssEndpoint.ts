import { isIP } from 'node:net';

/** What an OSS endpoint host says about signing: V4 region and product. */
export interface EndpointScope {
  readonly region: string;
  /** `oss`, or `oss-cloudbox` for CloudBox endpoints. */
  readonly product: string;
}

const REGION = '[a-z]{2,}(?:-[a-z0-9]+)+';
const PATTERNS: readonly { re: RegExp; product: string }[] = [
  // oss-cn-hangzhou.aliyuncs.com, oss-cn-hangzhou-internal.aliyuncs.com,
  // oss-cn-shanghai-finance-1-internal.aliyuncs.com
  { re: new RegExp(`^oss-(${REGION}?)(?:-internal)?\\.aliyuncs\\.com$`), product: 'oss' },
  // cn-hangzhou.oss.aliyuncs.com (dual-stack), cn-hangzhou-internal.oss.aliyuncs.com
  { re: new RegExp(`^(${REGION}?)(?:-internal)?\\.oss\\.aliyuncs\\.com$`), product: 'oss' },
  // cb-123.cn-hangzhou.oss-cloudbox.aliyuncs.com (data plane and -control)
  { re: /^(cb-[a-z0-9]+)\.[a-z0-9-]+\.oss-cloudbox(?:-control)?\.aliyuncs\.com$/, product: 'oss-cloudbox' },
];

const NO_REGION = new Set(['accelerate', 'accelerate-overseas']);

/**
 * The V4 region and product an OSS endpoint host implies, or undefined when
 * the host does not name one (an IP, localhost, a custom domain, a global
 * acceleration endpoint).
 */
export function scopeOfEndpoint(host: string): EndpointScope | undefined {
  const name = hostName(host).toLowerCase();
  for (const { re, product } of PATTERNS) {
    const m = re.exec(name);
    if (m && m[1] !== undefined && !NO_REGION.has(m[1])) return { region: m[1], product };
  }
  return undefined;
}

/** `host` without a `:port` (IPv6 brackets kept off too). */
export function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon >= 0 && host.indexOf(':') === colon ? host.slice(0, colon) : host;
}

/** Whether URLs for this endpoint must be path style: an IP address or localhost. */
export function needsPathStyle(host: string): boolean {
  const name = hostName(host).toLowerCase();
  return isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost');
}

const HOST_RE = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)(?::\d{1,5})?$/;

/** Whether `host` is a plausible `hostname[:port]`. */
export function isValidHost(host: string): boolean {
  if (!HOST_RE.test(host)) return false;
  const port = /:(\d+)$/.exec(host.startsWith('[') ? host.slice(host.indexOf(']')) : host);
  return !port || (Number(port[1]) > 0 && Number(port[1]) < 65536);
}
