import { constants } from 'node:os';
import { exitInterrupting } from './statementInterrupts.js';

/** What asked the process to end: a signal, or its parent process going away. */
export type StopRequest = NodeJS.Signals | 'parent gone';

/** How often the parent process is looked at. */
const PARENT_CHECK_MS = 500;

/** The exit code for a request: 128 + the signal's number, as a shell reports a process a signal ended (a lost parent counts as a hang-up). */
export function exitCodeOf(request: StopRequest): number {
  return 128 + (request === 'parent gone' ? constants.signals.SIGHUP : constants.signals[request]);
}

/**
 * Calls `stop` the first time the process is asked to end: by one of
 * `signals`, or by its parent process going away without a word (a parent
 * killed outright, or `npx`, which ends without passing SIGTERM on). The
 * parent is watched by its id, which changes when the parent ends and the
 * process is adopted (by PID 1 or a subreaper). If the process is still
 * running `graceMs` after the request, or a second request comes, it exits
 * at once with {@link exitCodeOf}, interrupting any statement still running
 * (see statementInterrupts). Returns a function that stops listening.
 */
export function listenForStop(signals: readonly NodeJS.Signals[], stop: (request: StopRequest) => void, graceMs = 5000): () => void {
  const parent = process.ppid;
  let requested = false;
  const handlers = signals.map((signal) => [signal, (): void => onRequest(signal)] as const);
  // A process whose parent is already init (or that has none) has no parent to lose.
  const watch =
    parent > 1
      ? setInterval(() => {
          if (process.ppid !== parent) onRequest('parent gone');
        }, PARENT_CHECK_MS).unref()
      : undefined;
  function onRequest(request: StopRequest): void {
    if (requested) return exitInterrupting(exitCodeOf(request));
    requested = true;
    clearInterval(watch);
    setTimeout(() => exitInterrupting(exitCodeOf(request)), graceMs).unref();
    stop(request);
  }
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return () => {
    clearInterval(watch);
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
