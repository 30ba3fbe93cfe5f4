/**
 * Who asks for an explanation, so its advice names what that caller can do:
 * `command` is `ossduck explain-url` (and the library, whose options are the
 * command's), `sql` is OSSDUCK_EXPLAIN_URL, which takes a method but neither
 * headers nor a bucket.
 */
export type ExplainCaller = 'command' | 'sql';

/** How to judge the URL for `method` instead: `check it with --method PUT`. */
export function methodAdvice(caller: ExplainCaller, method: string): string {
  return caller === 'sql' ? `check it with OSSDUCK_EXPLAIN_URL(url, '${method}')` : `check it with --method ${method}`;
}

/** How to name the bucket of a custom-domain URL, which names none. */
export function bucketAdvice(caller: ExplainCaller): string {
  return caller === 'sql'
    ? 'SQL has no bucket argument: check it with ossduck explain-url --bucket <bucket>'
    : 'give the bucket (--bucket)';
}

/** How to send headers the URL signed (x-oss-additional-headers) with the request judged. */
export function headerAdvice(caller: ExplainCaller): string {
  return caller === 'sql'
    ? "OSSDUCK_EXPLAIN_URL judges a request without headers: check it with ossduck explain-url --header 'NAME: VALUE'"
    : '--header';
}
