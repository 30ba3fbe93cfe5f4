import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A file system of its own for a test: a small tmpfs (a disk that fills up), or a read-only view of a folder. */
export class ScratchMount {
  readonly path: string;

  private constructor(path: string) {
    this.path = path;
  }

  static #mount(args: string[]): string {
    const path = mkdtempSync(join(tmpdir(), 'ossduck-mount-'));
    try {
      execFileSync('mount', [...args, path], { stdio: 'pipe' });
    } catch (error) {
      rmSync(path, { recursive: true, force: true });
      throw new Error(`this test needs to mount a file system (as root, as CI runs): mount ${args.join(' ')} failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
    }
    return path;
  }

  /** A tmpfs of `megabytes`. */
  static tmpfs(megabytes: number): ScratchMount {
    return new ScratchMount(ScratchMount.#mount(['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs']));
  }

  /** `source` again, read-only (a bind mount remounted read-only). */
  static readOnly(source: string): ScratchMount {
    const path = ScratchMount.#mount(['--bind', source]);
    execFileSync('mount', ['-o', 'remount,ro,bind', path], { stdio: 'pipe' });
    return new ScratchMount(path);
  }

  unmount(): void {
    execFileSync('umount', [this.path], { stdio: 'pipe' });
    rmSync(this.path, { recursive: true, force: true });
  }
}
