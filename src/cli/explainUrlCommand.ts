import { credentialsFromVariables } from '../oss/CredentialSource.js';
import type { Credentials } from '../oss/Credentials.js';
import { explainPresignedUrl } from '../oss/explain/explainPresignedUrl.js';
import type { UrlExplanation } from '../oss/explain/explainPresignedUrl.js';
import { OssduckError } from '../OssduckError.js';
import { formatError } from './formatError.js';
import { formatUrlExplanation } from './formatUrlExplanation.js';
import type { CliIo } from './CliIo.js';
import type { OptionSpec } from './parseOptions.js';
import { optionHelp, parseOptions } from './parseOptions.js';
import { writeOut } from './StatementOutput.js';
import { UsageError } from './UsageError.js';

const COMMAND = 'ossduck explain-url';

export const EXPLAIN_URL_OPTIONS: readonly OptionSpec[] = [
  { name: 'method', short: 'X', value: 'METHOD', description: 'the HTTP method the client will use (default GET)' },
  {
    name: 'header',
    short: 'H',
    value: "'NAME: VALUE'",
    repeatable: true,
    description: "a header the client will send, as curl's -H ('NAME:' with no value: not sent)",
  },
  { name: 'bucket', value: 'NAME', description: 'the bucket of a custom-domain URL, which names none' },
  { name: 'at', value: 'INSTANT', description: 'judge the URL at this ISO-8601 instant with an offset (default: now)' },
  { name: 'format', value: 'FORMAT', choices: ['text', 'json'], description: 'text (default) or json' },
  { name: 'help', short: 'h', description: 'show this help' },
];

export function explainUrlHelp(): string {
  return [
    `${COMMAND}: decode a presigned OSS URL and say whether OSS would accept it, and why not`,
    '',
    `Usage: ${COMMAND} [options] '<url>'`,
    '',
    'Options:',
    ...optionHelp(EXPLAIN_URL_OPTIONS),
    '',
    'The signature is checked with OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET and OSS_SESSION_TOKEN',
    '(or ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN);',
    'a secret is never taken from the command line. Without them the rest is still checked.',
    '',
    'Exit codes: 0 OSS would accept the URL; 1 it would refuse it, or the signature could not be',
    'checked; 2 the command line or the URL cannot be read.',
    '',
  ].join('\n');
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** `Name: value` as curl's -H reads it; `Name:` removes the header. Pure. */
export function parseHeaderOptions(values: readonly string[]): [string, string][] {
  const headers: [string, string][] = [];
  for (const text of values) {
    const colon = text.indexOf(':');
    const name = colon < 0 ? '' : text.slice(0, colon).trim();
    if (colon < 0 || !HEADER_NAME.test(name)) throw new UsageError(`${COMMAND}: --header '${text}' must be 'NAME: VALUE', e.g. --header 'Content-Type: text/plain'`);
    const value = text.slice(colon + 1).trim();
    if (value !== '') headers.push([name, value]);
    else for (let i = headers.length - 1; i >= 0; i--) if (headers[i]![0].toLowerCase() === name.toLowerCase()) headers.splice(i, 1);
  }
  return headers;
}

/** An ISO-8601 instant with `Z` or an offset, as epoch ms. Pure. */
export function parseInstantOption(text: string): number {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
  const ms = iso.test(text) ? Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new UsageError(`${COMMAND}: --at '${text}' is not an ISO-8601 instant with Z or an offset, e.g. 2026-11-23T12:00:00Z or 2026-11-23T20:00:00+08:00`);
  }
  return ms;
}

/**
 * `ossduck explain-url [options] <url>`: the report on stdout; exit 0 when
 * OSS would accept the URL, 1 when it would refuse it or the signature could
 * not be checked, 2 for a command line or URL that cannot be read.
 */
export async function explainUrlCommand(argv: readonly string[], io: CliIo, now: () => number = Date.now): Promise<number> {
  let explanation: UrlExplanation;
  let format: string;
  try {
    const parsed = parseOptions(EXPLAIN_URL_OPTIONS, argv, COMMAND, 1);
    if (parsed.flags.has('help')) {
      await writeOut(io.stdout, explainUrlHelp());
      return 0;
    }
    const url = parsed.positionals[0];
    if (url === undefined) throw new UsageError(`${COMMAND}: give the URL to explain, in quotes: ${COMMAND} '<url>'`);
    const method = parsed.values.get('method')?.[0] ?? 'GET';
    if (!/^[A-Za-z]+$/.test(method)) throw new UsageError(`${COMMAND}: --method '${method}' is not an HTTP method such as GET or PUT`);
    const at = parsed.values.get('at')?.[0];
    format = parsed.values.get('format')?.[0] ?? 'text';
    let credentials: Credentials | undefined;
    try {
      credentials = credentialsFromVariables(io.env);
    } catch (error) {
      throw new UsageError(`${COMMAND}: ${error instanceof OssduckError ? error.detail : String(error)}`);
    }
    explanation = explainPresignedUrl(url, {
      nowMs: at === undefined ? now() : parseInstantOption(at),
      method,
      headers: parseHeaderOptions(parsed.values.get('header') ?? []),
      bucket: parsed.values.get('bucket')?.[0],
      credentials,
      noCredentials: 'no credentials in the environment: set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET (and OSS_SESSION_TOKEN) to check it',
    });
  } catch (error) {
    const message = error instanceof OssduckError && !(error instanceof UsageError) ? `${COMMAND}: ${error.detail}` : formatError(error, io.env);
    await writeOut(io.stderr, `${message}\n`);
    return error instanceof OssduckError ? 2 : 1;
  }
  await writeOut(io.stdout, format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : formatUrlExplanation(explanation));
  return explanation.verdict === 'accepted' ? 0 : 1;
}
