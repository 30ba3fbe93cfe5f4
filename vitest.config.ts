import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (no child process, no server, no terminal or browser:
 * `npm run test:unit`, the quick loop) and `e2e` (everything that starts one).
 * `npm test` runs both. A test file is e2e when its text reaches for any of
 * these; nothing else decides.
 */
const STARTS_SOMETHING =
  /\b(spawn|execFile|execFileSync|spawnSync|OssEmulator|createServer|runCli|WatchedProcess|tmux|chromium|emulatorFixture|startEmulator|EmbeddedOss|ServeProcess|new Worker)\b/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const all = testFiles('test');
const e2e = all.filter((file) => file.startsWith(join('test', 'e2e')) || STARTS_SOMETHING.test(readFileSync(file, 'utf8')));
const unit = all.filter((file) => !e2e.includes(file));

const shared = { testTimeout: 60_000, hookTimeout: 60_000, pool: 'forks' as const };

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: unit } },
      { test: { ...shared, name: 'e2e', include: e2e } },
    ],
  },
});
