import { OssError } from '../OssError.js';

const RESERVED_BY_RFC3986 = /[!'()*]/g;
/** Text that needs no escaping at all (most object keys). */
const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;
const UNRESERVED_OR_SLASH = /^[A-Za-z0-9\-._~/]*$/;

function hexEscape(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
}

function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    throw OssError.invalidArgument('an object key or parameter contains an unpaired UTF-16 surrogate and cannot be encoded as UTF-8');
  }
}

/**
 * RFC 3986 percent-encoding of the UTF-8 bytes of `value`: everything but
 * `A-Z a-z 0-9 - . _ ~` is escaped, with upper-case hex. This is the encoding
 * OSS uses for canonical query strings and the v2 SDKs use in URLs.
 */
export function percentEncode(value: string): string {
  if (UNRESERVED_ONLY.test(value)) return value;
  return encode(value).replace(RESERVED_BY_RFC3986, hexEscape);
}

/** `percentEncode`, but `/` stays as it is: the encoding of an object path. */
export function encodePath(value: string): string {
  if (UNRESERVED_OR_SLASH.test(value)) return value;
  return encode(value).replace(RESERVED_BY_RFC3986, hexEscape).replaceAll('%2F', '/');
}
