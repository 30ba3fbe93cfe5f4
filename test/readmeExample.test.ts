import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Credentials } from '../src/oss/Credentials.js';
import { Presigner } from '../src/oss/signing/Presigner.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

/** The README's library example, taken from the README itself. */
function readmeExample(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const match = /<!-- example: library[^>]*-->\n```ts\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('README has no library example');
  return match[1]!;
}

describe('README library example', () => {
  it('runs as written and prints the URLs ossduck signs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ossduck-readme-'));
    try {
      const file = join(dir, 'example.mts');
      writeFileSync(file, readmeExample().replace("from 'ossduck'", `from ${JSON.stringify(join(root, 'src', 'index.ts'))}`));
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', file], { cwd: root, env: { PATH: process.env['PATH'] ?? '' } });
      expect(stderr).toBe('');
      const presigner = new Presigner({
        version: 'v4',
        credentials: new Credentials({ accessKeyId: 'LTAI5tExampleKeyId', accessKeySecret: 'example-secret' }),
        method: 'GET',
        bucket: 'examplebucket',
        signTime: Date.UTC(2026, 10, 23, 12) / 1000,
        expiresIn: 600,
        region: 'cn-hangzhou',
        product: 'oss',
        address: { scheme: 'https', host: 'oss-cn-hangzhou-internal.aliyuncs.com', style: 'virtual' },
      });
      expect(stdout).toBe(`a.pdf ${presigner.url('docs/a.pdf')}\nb.pdf ${presigner.url('docs/b.pdf')}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
