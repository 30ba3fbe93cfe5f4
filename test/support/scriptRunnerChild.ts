/**
 * A child process that runs scripts on one ossduck Session, one at a time,
 * for the fuzz tests: the parent sends `{ id, script }` over IPC and gets
 * back `{ id, outcome, alive }`. Running in a child lets the parent bound
 * each case with a deadline (a synchronous loop or a native hang cannot be
 * interrupted from inside) and tell a crash from an error.
 *
 * OSS and STS are routed to a closed port, so a fuzzed REFRESH or
 * GET_DATA_FROM_OSS fails at once instead of reaching the network.
 */
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { OssduckError } from '../../src/OssduckError.js';
import { Session } from '../../src/session/Session.js';

export interface ScriptRequest {
  readonly id: number;
  readonly script: string;
}

export type ScriptOutcome =
  | { readonly kind: 'ok'; readonly statements: number }
  | {
      readonly kind: 'error';
      readonly name: string;
      readonly code: string | undefined;
      readonly message: string;
      readonly position: { line: number; column: number } | undefined;
    };

export interface ScriptReply {
  readonly id: number;
  readonly outcome: ScriptOutcome;
  /** Whether the runtime still answered `SELECT 42` after the script. */
  readonly alive: boolean;
}

const closed = { scheme: 'http' as const, host: '127.0.0.1:1' };
const runtime = await Session.open({
  credentials: new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAI5tFuzzKey', accessKeySecret: 'fuzz-secret' })),
  routing: { oss: closed, sts: closed },
  settings: { 'ossduck.signing_time': '2026-11-23T12:00:00Z' },
});

async function run(script: string): Promise<ScriptOutcome> {
  try {
    const results = await runtime.run(script);
    return { kind: 'ok', statements: results.length };
  } catch (error) {
    const e = error as Error;
    return {
      kind: 'error',
      name: e?.constructor?.name ?? typeof error,
      code: error instanceof OssduckError ? error.code : undefined,
      message: String(e?.message ?? error).slice(0, 500),
      position: error instanceof OssduckError && error.position ? { ...error.position } : undefined,
    };
  }
}

async function alive(): Promise<boolean> {
  try {
    const [result] = await runtime.run('SELECT 42 AS answer');
    return result?.rows[0]?.[0] === 42;
  } catch {
    return false;
  }
}

process.on('message', (message: ScriptRequest | 'close') => {
  if (message === 'close') {
    void runtime.close().then(() => process.exit(0));
    return;
  }
  void (async () => {
    const outcome = await run(message.script);
    const reply: ScriptReply = { id: message.id, outcome, alive: await alive() };
    process.send!(reply);
  })();
});
process.send!('ready');
