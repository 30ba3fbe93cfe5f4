/**
 * ossduck's own extensions to MaxCompute SQL (DESIGN.md: they live under the
 * `ossduck.` prefix or separate function names), with what a script does on
 * MaxCompute instead.
 */
export const OSSDUCK_FUNCTIONS: Readonly<Record<string, string>> = {
  OSSDUCK_PRESIGN: "GET_SIGNED_URL_FROM_OSS('<project.schema.table>', key[, ttl][, expiration][, method]): MaxCompute signs no other request options",
  OSSDUCK_EXPLAIN_URL: 'nothing in MaxCompute: explain a URL with `ossduck explain-url` outside the script',
  OSSDUCK_LINT_KEY: 'nothing in MaxCompute: lint keys with `ossduck lint-keys` before the job runs',
  OSS_PRESIGN_PREFIX:
    "SELECT key, GET_SIGNED_URL_FROM_OSS('<project.schema.table>', key) FROM <object table> WHERE key LIKE 'prefix%', after ALTER TABLE ... REFRESH METADATA",
};

/** What an ossduck function not in OSSDUCK_FUNCTIONS does on MaxCompute. */
export const OSSDUCK_FUNCTION_FALLBACK = 'nothing in MaxCompute: keep the call in the scripts that run on ossduck';

export const OSSDUCK_SETTINGS: Readonly<Record<string, string>> = {
  'ossduck.signing_time': 'MaxCompute signs at the moment a statement runs: remove it (keep it in the tests that run on ossduck)',
  'ossduck.signature_version': 'MaxCompute chooses the signature version of the URLs it signs: remove it',
};

/** What to do with an ossduck setting not in OSSDUCK_SETTINGS. */
export const OSSDUCK_SETTING_FALLBACK = 'MaxCompute has no such flag: remove it before running the script there';

export const OSSDUCK_PROPERTIES: Readonly<Record<string, string>> = {
  'ossduck.region': 'MaxCompute takes the region from the LOCATION\'s endpoint (oss-<region>-internal.aliyuncs.com): remove it',
  'ossduck.url.scheme': "MaxCompute's URLs have its own scheme: remove it",
  'ossduck.url.endpoint': "MaxCompute's URLs use its own endpoint: remove it",
  'ossduck.max_ttl': 'MaxCompute limits a URL to 604800 s only: remove it, and pass the TTL to GET_SIGNED_URL_FROM_OSS',
  'ossduck.allowed_methods': 'MaxCompute signs GET and PUT for any table: remove it',
};

/** What to do with an ossduck table property not in OSSDUCK_PROPERTIES. */
export const OSSDUCK_PROPERTY_FALLBACK = 'an ossduck table property MaxCompute does not know: remove it';
