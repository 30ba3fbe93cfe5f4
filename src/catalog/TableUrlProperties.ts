import { ENDPOINT_HELP, SCHEME_HELP, parseEndpointChoice, parseUrlScheme } from '../oss/UrlForm.js';
import type { EndpointChoice, UrlScheme } from '../oss/UrlForm.js';
import { CatalogError } from './CatalogError.js';

/** The methods ossduck signs URLs for. */
export const URL_METHODS = ['GET', 'PUT', 'HEAD'] as const;
export type UrlMethod = (typeof URL_METHODS)[number];

/** The longest a presigned URL may live, in seconds (7 days), and the shortest. */
export const MIN_URL_TTL = 1;
export const MAX_URL_TTL = 604_800;
/** The TTL of a URL when the caller gives none. */
export const DEFAULT_URL_TTL = 3600;

/**
 * Defaults and limits an object table sets for the URLs signed under it
 * (TBLPROPERTIES); every one is optional.
 */
export interface TableUrlProperties {
  /** `ossduck.url.scheme`. */
  readonly scheme: UrlScheme | undefined;
  /** `ossduck.url.endpoint`. */
  readonly endpoint: EndpointChoice | undefined;
  /** `ossduck.max_ttl`: no URL of the table lives longer (seconds). */
  readonly maxTtl: number | undefined;
  /** `ossduck.allowed_methods`: the methods URLs may be signed for. */
  readonly allowedMethods: readonly UrlMethod[] | undefined;
}

export const TABLE_PROPERTY = {
  scheme: 'ossduck.url.scheme',
  endpoint: 'ossduck.url.endpoint',
  maxTtl: 'ossduck.max_ttl',
  allowedMethods: 'ossduck.allowed_methods',
  region: 'ossduck.region',
} as const;

/** The `ossduck.` keys TBLPROPERTIES may hold, and what each one takes. */
export const OSSDUCK_TABLE_PROPERTIES: Readonly<Record<string, string>> = {
  [TABLE_PROPERTY.scheme]: SCHEME_HELP,
  [TABLE_PROPERTY.endpoint]: ENDPOINT_HELP,
  [TABLE_PROPERTY.maxTtl]: `allowed: a whole number of seconds from ${MIN_URL_TTL} to ${MAX_URL_TTL} (7 days)`,
  [TABLE_PROPERTY.allowedMethods]: `allowed: a comma-separated list of ${URL_METHODS.join(', ')}`,
  [TABLE_PROPERTY.region]: "allowed: an OSS region id such as 'cn-hangzhou'",
};

/** The `ossduck.` keys SERDEPROPERTIES may hold. */
export const OSSDUCK_SERDE_PROPERTIES: readonly string[] = [TABLE_PROPERTY.region];

function refuse(key: string, value: string, help: string): never {
  throw CatalogError.invalidProperty(`TBLPROPERTIES '${key}'='${value}' is not allowed; ${help}`);
}

/** Reads `ossduck.allowed_methods`: a comma-separated, case-insensitive list, duplicates ignored. */
export function parseAllowedMethods(text: string): UrlMethod[] | undefined {
  const methods: UrlMethod[] = [];
  for (const part of text.split(',')) {
    const method = part.trim().toUpperCase();
    if (!(URL_METHODS as readonly string[]).includes(method)) return undefined;
    if (!methods.includes(method as UrlMethod)) methods.push(method as UrlMethod);
  }
  return methods;
}

/** Reads `ossduck.max_ttl`: a whole number of seconds in 1..604800. */
export function parseMaxTtl(text: string): number | undefined {
  if (!/^\s*\d{1,7}\s*$/.test(text)) return undefined;
  const seconds = Number(text.trim());
  return seconds >= MIN_URL_TTL && seconds <= MAX_URL_TTL ? seconds : undefined;
}

/**
 * Checks the `ossduck.` keys of a table's properties (an unknown one, a typo
 * such as `ossduck.max-ttl`, is an error rather than a silent no-op: these
 * keys limit what URLs the table hands out) and reads the URL properties.
 */
export function readTableUrlProperties(tblProperties: Readonly<Record<string, string>>, serdeProperties: Readonly<Record<string, string>> = {}): TableUrlProperties {
  for (const key of Object.keys(tblProperties)) {
    if (key.toLowerCase().startsWith('ossduck.') && !(key in OSSDUCK_TABLE_PROPERTIES)) {
      throw CatalogError.invalidProperty(`unknown TBLPROPERTIES key '${key}': ossduck's table properties are ${Object.keys(OSSDUCK_TABLE_PROPERTIES).join(', ')}`);
    }
  }
  for (const key of Object.keys(serdeProperties)) {
    if (!key.toLowerCase().startsWith('ossduck.') || OSSDUCK_SERDE_PROPERTIES.includes(key)) continue;
    const hint = key in OSSDUCK_TABLE_PROPERTIES ? `; ${key} belongs in TBLPROPERTIES` : '';
    throw CatalogError.invalidProperty(`unknown SERDEPROPERTIES key '${key}': ossduck's serde properties are ${OSSDUCK_SERDE_PROPERTIES.join(', ')}${hint}`);
  }
  let scheme: UrlScheme | undefined;
  const schemeText = tblProperties[TABLE_PROPERTY.scheme];
  if (schemeText !== undefined) {
    const parsed = parseUrlScheme(schemeText);
    scheme = 'value' in parsed ? parsed.value : refuse(TABLE_PROPERTY.scheme, schemeText, parsed.problem);
  }
  let endpoint: EndpointChoice | undefined;
  const endpointText = tblProperties[TABLE_PROPERTY.endpoint];
  if (endpointText !== undefined) {
    const parsed = parseEndpointChoice(endpointText);
    endpoint = 'value' in parsed ? parsed.value : refuse(TABLE_PROPERTY.endpoint, endpointText, parsed.problem);
  }
  let maxTtl: number | undefined;
  const maxTtlText = tblProperties[TABLE_PROPERTY.maxTtl];
  if (maxTtlText !== undefined) maxTtl = parseMaxTtl(maxTtlText) ?? refuse(TABLE_PROPERTY.maxTtl, maxTtlText, OSSDUCK_TABLE_PROPERTIES[TABLE_PROPERTY.maxTtl]!);
  let allowedMethods: UrlMethod[] | undefined;
  const methodsText = tblProperties[TABLE_PROPERTY.allowedMethods];
  if (methodsText !== undefined) {
    allowedMethods = parseAllowedMethods(methodsText) ?? refuse(TABLE_PROPERTY.allowedMethods, methodsText, OSSDUCK_TABLE_PROPERTIES[TABLE_PROPERTY.allowedMethods]!);
  }
  return { scheme, endpoint, maxTtl, allowedMethods };
}
