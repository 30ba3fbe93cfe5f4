import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOssduck } from '../src/index.js';
import { KEY_FINDINGS } from '../src/oss/lint/keyFindings.js';
import { BIN } from './support/runCli.js';
import { docExample, docsText } from './support/docsText.js';

const README = docsText();

function example(kind: string, name: string): string {
  return docExample(kind, name);
}

/** A shell transcript's steps: `$ cat FILE` with the file's lines, or a command with the output it prints. */
function transcript(block: string): { command: string; lines: string[] }[] {
  const steps: { command: string; lines: string[] }[] = [];
  for (const line of block.replace(/\n$/, '').split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), lines: [] });
    else steps[steps.length - 1]!.lines.push(line);
  }
  return steps;
}

function shell(command: string, cwd: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', () => resolve({ stdout, stderr }));
  });
}

describe('README shell examples, run as written', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-readme-commands-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of ['lint-keys', 'check']) {
    it(`${name}: each command prints what the README shows`, async () => {
      const steps = transcript(example('shell', name));
      expect(steps.length).toBeGreaterThan(1);
      for (const { command, lines } of steps) {
        const cat = /^cat (\S+)$/.exec(command);
        if (cat) {
          writeFileSync(join(dir, cat[1]!), `${lines.join('\n')}\n`);
          continue;
        }
        expect(command).toMatch(/^ossduck /);
        const { stdout, stderr } = await shell(command.replace(/^ossduck/, `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`), dir);
        expect(stderr, command).toBe('');
        expect(stdout, command).toBe(`${lines.join('\n')}\n`);
      }
    });
  }
});

describe('README SQL example of OSSDUCK_LINT_KEY', () => {
  it('returns the rows its comments show', async () => {
    const sql = example('sql', 'OSSDUCK_LINT_KEY');
    const shown = [...sql.matchAll(/^-- (.*)$/gm)].map((m) => m[1]!.split(' | '));
    const ossduck = await openOssduck();
    try {
      const [result] = await ossduck.run(sql);
      expect(result!.rows.map((r) => result!.columns.map((c) => String(r[c])))).toEqual(shown);
    } finally {
      await ossduck.close();
    }
  });
});

describe("README's table of key findings", () => {
  it('is the table of src/oss/lint/keyFindings.ts', () => {
    const table = /<!-- table: key findings [^>]*-->\n\| code \| severity \| message \|\n\| --- \| --- \| --- \|\n((?:\|.*\n)+)/.exec(README)![1]!;
    const rows = table.trimEnd().split('\n').map((row) => /^\| `([^`]+)` \| (\w+) \| `(.*)` \|$/.exec(row)!.slice(1));
    expect(rows).toEqual(KEY_FINDINGS.map((f) => [f.code, f.severity, f.template]));
  });
});
