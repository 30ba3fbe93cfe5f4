import { constants } from 'node:os';

/** The signals that stop a call the main thread is waiting on: Ctrl-C, and a process asked to end. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

interface SignalHandle {
  onsignal: (signum: number) => void;
  start(signum: number): number;
  close(): void;
  unref(): void;
}

type SignalConstructor = new () => SignalHandle;

let signalClass: SignalConstructor | null | undefined;

/**
 * libuv's signal handle, which Node's `process.on(signal)` uses on the main
 * thread. A worker has no `process.on(signal)`, but a handle started on the
 * worker's own loop is told of the signal by libuv's process-wide handler
 * even while the main thread is blocked (in `Atomics.wait`), and the main
 * thread's own listeners still get it. Reached through `process.binding`,
 * whose deprecation warning is not shown; null where Node no longer offers it.
 */
function loadSignalClass(): SignalConstructor | null {
  if (signalClass !== undefined) return signalClass;
  const quiet = process.noDeprecation;
  try {
    process.noDeprecation = true;
    const binding = (process as unknown as { binding(name: string): { Signal?: SignalConstructor } }).binding('signal_wrap');
    signalClass = typeof binding.Signal === 'function' ? binding.Signal : null;
  } catch {
    signalClass = null;
  } finally {
    process.noDeprecation = quiet;
  }
  return signalClass;
}

/**
 * Calls `onSignal` when one of `signals` reaches the process, until the
 * returned function is called (which closes the handles, so that a signal
 * nobody else listens to does what it did before: Ctrl-C ends a process).
 * Returns undefined where signals cannot be watched off the main thread.
 */
export function watchSignals(signals: readonly NodeJS.Signals[], onSignal: (signal: NodeJS.Signals) => void): (() => void) | undefined {
  const Signal = loadSignalClass();
  if (!Signal) return undefined;
  const handles = signals.map((signal) => {
    const handle = new Signal();
    handle.onsignal = () => onSignal(signal);
    handle.start(constants.signals[signal]);
    handle.unref();
    return handle;
  });
  return () => {
    for (const handle of handles) handle.close();
  };
}
