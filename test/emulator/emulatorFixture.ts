import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OssEmulator } from '../../src/emulator/OssEmulator.js';
import type { EmulatorOptions } from '../../src/emulator/OssEmulator.js';

export const ACCESS_KEY_ID = 'LTAI5tEmulatorTestKey';
export const ACCESS_KEY_SECRET = 'EmulatorTestSecretDoNotLeak0123';

/** A running emulator over a fresh temp folder, with a clock the test moves. */
export interface Running {
  readonly emulator: OssEmulator;
  /** The temp folder; `root` is inside it so tests can check nothing lands next to it. */
  readonly sandbox: string;
  readonly root: string;
  readonly logs: string[];
  now: number;
  close(): Promise<void>;
}

export async function startEmulator(
  options: {
    buckets?: readonly string[];
    now?: number;
    emulator?: Partial<Pick<EmulatorOptions, 'timeouts' | 'latencyMs'>>;
    console?: EmulatorOptions['console'];
    observers?: EmulatorOptions['observers'];
  } = {},
): Promise<Running> {
  const sandbox = await mkdtemp(join(tmpdir(), 'ossduck-emulator-'));
  const root = join(sandbox, 'root');
  await mkdir(root);
  for (const bucket of options.buckets ?? []) await mkdir(join(root, bucket));
  const logs: string[] = [];
  const running: Running = {
    emulator: undefined as unknown as OssEmulator,
    sandbox,
    root,
    logs,
    now: options.now ?? Date.now(),
    async close() {
      await this.emulator.close();
      await rm(sandbox, { recursive: true, force: true });
    },
  };
  (running as { emulator: OssEmulator }).emulator = await OssEmulator.start({
    root,
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    clock: () => running.now,
    log: (line) => logs.push(line),
    ...options.emulator,
    ...(options.console ? { console: options.console } : {}),
    ...(options.observers ? { observers: options.observers } : {}),
  });
  return running;
}

/** Every file below a folder, recursively. */
export async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(path)));
    else out.push(path);
  }
  return out;
}
