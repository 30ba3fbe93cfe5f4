import { quoteKey } from '../oss/lint/lintKey.js';
import { auditLogLines } from './auditLogLines.js';
import type { AuditLogLine } from './auditLogLines.js';
import type { CliIo } from './CliIo.js';
import { formatError } from './formatError.js';
import { optionHelp, parseOptions } from './parseOptions.js';
import type { OptionSpec } from './parseOptions.js';
import { writeOut } from './StatementOutput.js';
import { UsageError } from './UsageError.js';

const COMMAND = 'ossduck audit';
/** Output kept in memory while the logs are checked; past it, they are read a second time to print. */
const HELD_BYTES = 32 * 1024 * 1024;
const WITH_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

export const AUDIT_OPTIONS: readonly OptionSpec[] = [
  { name: 'bucket', value: 'NAME', description: 'only URLs for objects in this bucket' },
  { name: 'prefix', value: 'PREFIX', description: 'only URLs for objects whose name starts with PREFIX' },
  { name: 'access-key-id', value: 'ID', description: 'only URLs signed with this AccessKeyId (a key to revoke: which of its URLs still work?)' },
  { name: 'live-at', value: 'INSTANT', description: 'the instant asked about, ISO 8601 with its offset (2026-11-23T12:30:00Z, ...+08:00) or now (default)' },
  { name: 'format', value: 'FORMAT', choices: ['text', 'jsonl'], description: 'text (default): a line per URL and a count; jsonl: the lines of the log that answer, as written' },
  { name: 'help', short: 'h', description: 'show this help' },
];

export function auditHelp(): string {
  return [
    `${COMMAND}: which URLs that ossduck signed are still live, from its audit log (ossduck --audit-log PATH)`,
    '',
    `Usage: ${COMMAND} [options] AUDIT_LOG...`,
    '',
    'Options:',
    ...optionHelp(AUDIT_OPTIONS),
    '',
    'A URL is live at an instant when it was signed at or before it and expires after it. Every',
    'line of the logs is checked first: a line that is not one of the audit log stops the command',
    'before anything is printed. A last line still being written (no line break yet) is left out.',
    '',
    'Exit codes: 0 answered (whether or not any URL is live); 2 the command line or a log cannot be read.',
    '',
  ].join('\n');
}

/** What the command line asks. */
interface Question {
  readonly files: readonly string[];
  readonly bucket: string | undefined;
  readonly prefix: string | undefined;
  readonly accessKeyId: string | undefined;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly format: 'text' | 'jsonl';
}

/** Reads the command line; `now` is the instant `--live-at now` (and no --live-at) means. Pure otherwise. */
export function readAuditArgs(argv: readonly string[], now: number): Question | 'help' {
  const parsed = parseOptions(AUDIT_OPTIONS, argv, COMMAND, { positionals: 1000 });
  if (parsed.has('help')) return 'help';
  if (parsed.positionals.length === 0) throw new UsageError(`${COMMAND}: give the audit log to read, e.g. ${COMMAND} --bucket examplebucket audit.log`);
  const liveAt = parsed.last('live-at')?.trim() ?? 'now';
  let at = now;
  if (liveAt.toLowerCase() !== 'now') {
    at = Date.parse(liveAt);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?/.test(liveAt) || Number.isNaN(at)) {
      throw new UsageError(`${COMMAND}: --live-at '${liveAt}' is not an ISO 8601 instant: use e.g. 2026-11-23T12:30:00Z or 2026-11-23T20:30:00+08:00, or now`);
    }
    if (!WITH_OFFSET.test(liveAt)) throw new UsageError(`${COMMAND}: --live-at '${liveAt}' has no offset, so it names no single instant: add Z (UTC) or +08:00, ...`);
  }
  for (const name of ['bucket', 'prefix', 'access-key-id'] as const) {
    if (parsed.last(name) === '') throw new UsageError(`${COMMAND}: --${name} needs a value`);
  }
  return {
    files: parsed.positionals,
    bucket: parsed.last('bucket'),
    prefix: parsed.last('prefix'),
    accessKeyId: parsed.last('access-key-id'),
    at,
    format: (parsed.last('format') ?? 'text') as Question['format'],
  };
}

/** Whether `line` is about what the question asks (bucket, prefix, key), live or not. */
function concerns(q: Question, line: AuditLogLine): boolean {
  return (
    (q.bucket === undefined || line.bucket === q.bucket) &&
    (q.prefix === undefined || line.key.startsWith(q.prefix)) &&
    (q.accessKeyId === undefined || line.accessKeyId === q.accessKeyId)
  );
}

function isLive(q: Question, line: AuditLogLine): boolean {
  return line.signedAt <= q.at && q.at < line.expiresAt;
}

/** How a live URL is shown in text. */
function shownLine(q: Question, line: AuditLogLine): string {
  if (q.format === 'jsonl') return `${line.text}\n`;
  const r = line.record;
  const object = `${line.bucket}/${line.key}`;
  const shownObject = /^[\x21-\x7e]+$/.test(object) ? object : quoteKey(object);
  return `${r['expiresAt']}  ${String(r['method']).padEnd(4)}  ${shownObject}  ${line.accessKeyId}  ${r['table']}  signed ${r['signedAt']} in statement ${r['statement']} of session ${r['session']}\n`;
}

function summary(q: Question, live: number, recorded: number): string {
  const what = [q.bucket && `bucket ${q.bucket}`, q.prefix !== undefined && `objects under '${q.prefix}'`, q.accessKeyId && `AccessKeyId ${q.accessKeyId}`].filter(Boolean).join(', ');
  const urls = (n: number): string => `${n} URL${n === 1 ? '' : 's'}`;
  return `${urls(live)} live at ${new Date(q.at).toISOString()}, of ${urls(recorded)} recorded${what === '' ? '' : ` for ${what}`} in ${q.files.join(', ')}\n`;
}

/** Answers the question; returns what to print, having checked every line first. */
async function answer(q: Question, io: CliIo): Promise<void> {
  let held: string[] | undefined = [];
  let heldBytes = 0;
  let live = 0;
  let recorded = 0;
  for (const file of q.files) {
    for (const line of auditLogLines(file, COMMAND)) {
      if (!concerns(q, line)) continue;
      recorded++;
      if (!isLive(q, line)) continue;
      live++;
      if (held === undefined) continue;
      const text = shownLine(q, line);
      heldBytes += text.length;
      if (heldBytes > HELD_BYTES) held = undefined;
      else held.push(text);
    }
  }
  if (held !== undefined) {
    await writeOut(io.stdout, held.join(''));
  } else {
    // Too much to hold: every line was checked, so the second reading prints.
    for (const file of q.files) {
      let batch = '';
      for (const line of auditLogLines(file, COMMAND)) {
        if (!concerns(q, line) || !isLive(q, line)) continue;
        batch += shownLine(q, line);
        if (batch.length > 1024 * 1024) {
          await writeOut(io.stdout, batch);
          batch = '';
        }
      }
      await writeOut(io.stdout, batch);
    }
  }
  if (q.format === 'text') await writeOut(io.stdout, summary(q, live, recorded));
}

/**
 * `ossduck audit`: which URLs recorded in audit logs (`--audit-log`,
 * `ossduck.audit_log`) are live at an instant, for a bucket, prefix or
 * AccessKeyId. Exit 0 when answered, 2 when the command line or a log cannot be read.
 */
export async function auditCommand(argv: readonly string[], io: CliIo, now: () => number = Date.now): Promise<number> {
  try {
    const question = readAuditArgs(argv, now());
    if (question === 'help') {
      await writeOut(io.stdout, auditHelp());
      return 0;
    }
    await answer(question, io);
    return 0;
  } catch (error) {
    // The reader of standard output went away (`... | head`): stop quietly, as the SQL runner does.
    if ((error as NodeJS.ErrnoException)?.code === 'EPIPE') return 141;
    await writeOut(io.stderr, `${formatError(error, io.env)}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
