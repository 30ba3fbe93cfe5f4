import type { EndpointScope } from './OssEndpoint.js';
import { hostName, isValidHost, needsPathStyle } from './OssEndpoint.js';
import type { OssRouting } from './OssRouting.js';
import type { UrlAddress } from './signing/UrlAddress.js';

/**
 * Which host a presigned URL names:
 * - `location`: the endpoint of the object table's LOCATION (the default);
 * - `internal` / `public`: the region's internal (VPC) or public endpoint;
 * - `accelerate`: OSS transfer acceleration, `oss-accelerate.aliyuncs.com`;
 * - `custom`: a domain bound to the bucket (CNAME): the bucket is not in the URL.
 */
export type EndpointChoice =
  | { readonly kind: 'location' }
  | { readonly kind: 'internal' }
  | { readonly kind: 'public' }
  | { readonly kind: 'accelerate' }
  | { readonly kind: 'custom'; readonly host: string };

export type UrlScheme = 'https' | 'http';

/** How a URL is written, as far as the caller or the table says; what is left out takes the default. */
export interface UrlForm {
  readonly scheme?: UrlScheme | undefined;
  readonly endpoint?: EndpointChoice | undefined;
}

/** A value read, or why it cannot be (the text names what is allowed). */
export type Parsed<T> = { readonly value: T } | { readonly problem: string };

export const ACCELERATE_ENDPOINT = 'oss-accelerate.aliyuncs.com';

export const SCHEME_HELP = 'allowed: https or http';
export const ENDPOINT_HELP =
  "allowed: location (the LOCATION's endpoint, the default), internal, public, accelerate (oss-accelerate.aliyuncs.com), " +
  'or a custom domain bound to the bucket, such as static.example.com';

/** `https` or `http`, in any case. */
export function parseUrlScheme(text: string): Parsed<UrlScheme> {
  const lower = text.trim().toLowerCase();
  if (lower === 'https' || lower === 'http') return { value: lower };
  return { problem: SCHEME_HELP };
}

/** `location`, `internal`, `public`, `accelerate` (any case), or a custom domain `host[:port]`. */
export function parseEndpointChoice(text: string): Parsed<EndpointChoice> {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  if (lower === 'location' || lower === 'internal' || lower === 'public' || lower === 'accelerate') return { value: { kind: lower } };
  if (/^[a-z]+:\/\//i.test(trimmed) || trimmed.includes('/')) {
    return { problem: `give a host name without scheme or path (the scheme is its own option); ${ENDPOINT_HELP}` };
  }
  if (!isValidHost(trimmed) || !hostName(trimmed).includes('.')) return { problem: ENDPOINT_HELP };
  if (/(^|\.)aliyuncs\.com$/.test(hostName(lower))) {
    return { problem: `${lower} is an OSS endpoint, not a custom domain: use internal, public or accelerate for OSS's own endpoints` };
  }
  return { value: { kind: 'custom', host: lower } };
}

/** The text a choice is written as. */
export function endpointChoiceText(choice: EndpointChoice): string {
  return choice.kind === 'custom' ? choice.host : choice.kind;
}

const PUBLIC_FORMS: readonly [RegExp, (region: string) => string][] = [
  [/^oss-(.+?)(-internal)?\.aliyuncs\.com$/, (region) => `oss-${region}.aliyuncs.com`],
  [/^(.+?)(-internal)?\.oss\.aliyuncs\.com$/, (region) => `${region}.oss.aliyuncs.com`],
];

/**
 * The host (and addressing style) a choice names for a table whose LOCATION
 * endpoint is `endpoint`. `internal` and `public` keep the form of an
 * `oss-<region>[-internal].aliyuncs.com` or `<region>[-internal].oss.aliyuncs.com`
 * endpoint and otherwise use `oss-<region>[-internal].aliyuncs.com`;
 * CloudBox buckets have no public, internal or acceleration endpoint of that form.
 */
export function endpointHost(choice: EndpointChoice, endpoint: string, scope: EndpointScope): Parsed<{ host: string; style: UrlAddress['style'] }> {
  switch (choice.kind) {
    case 'location':
      return { value: { host: endpoint, style: needsPathStyle(endpoint) ? 'path' : 'virtual' } };
    case 'custom':
      return { value: { host: choice.host, style: 'cname' } };
    case 'accelerate':
      if (scope.product !== 'oss') return { problem: `a CloudBox bucket (${scope.region}) has no transfer acceleration endpoint` };
      return { value: { host: ACCELERATE_ENDPOINT, style: 'virtual' } };
    case 'internal':
    case 'public': {
      if (scope.product !== 'oss') return { problem: `a CloudBox bucket (${scope.region}) has no ${choice.kind} endpoint of its own; use location` };
      const suffix = choice.kind === 'internal' ? '-internal' : '';
      const name = hostName(endpoint).toLowerCase();
      for (const [re, publicHost] of PUBLIC_FORMS) {
        const m = re.exec(name);
        if (m && m[1] === scope.region) {
          const host = publicHost(scope.region);
          return { value: { host: suffix === '' ? host : host.replace(`${scope.region}.`, `${scope.region}${suffix}.`), style: 'virtual' } };
        }
      }
      return { value: { host: `oss-${scope.region}${suffix}.aliyuncs.com`, style: 'virtual' } };
    }
  }
}

/**
 * The address of a table's URLs: the routed origin when OSS requests are
 * routed (a local emulator stands in for every endpoint, so the chosen
 * endpoint and scheme do not change where the URL goes; the signature is the
 * same, since OSS signatures never cover the host), else the chosen endpoint
 * with the chosen scheme (https by default).
 */
export function resolveUrlAddress(endpoint: string, scope: EndpointScope, form: UrlForm, routing: OssRouting): Parsed<UrlAddress> {
  const chosen = endpointHost(form.endpoint ?? { kind: 'location' }, endpoint, scope);
  if ('problem' in chosen) return chosen;
  const origin = routing.oss;
  if (origin) return { value: { scheme: origin.scheme, host: origin.host, style: needsPathStyle(origin.host) ? 'path' : 'virtual' } };
  return { value: { scheme: form.scheme ?? 'https', host: chosen.value.host, style: chosen.value.style } };
}
