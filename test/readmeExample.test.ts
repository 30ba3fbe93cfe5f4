import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedOss } from '../src/session/EmbeddedOss.js';
import { Session } from '../src/session/Session.js';
import { docExample } from './support/docsText.js';
import { libraryExampleOutput } from './support/libraryExampleOutput.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

/** The README's library example, taken from the README itself. */
function readmeExample(): string {
  return docExample('library', '');
}

/** A SQL example of the README or docs/, by the name its `<!-- example: sql NAME ... -->` marker gives. */
function readmeSql(name: string): string {
  return docExample('sql', name);
}

describe('README library example', () => {
  it('runs as written and prints the URLs ossduck signs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ossduck-readme-'));
    try {
      const file = join(dir, 'example.mts');
      writeFileSync(file, readmeExample().replace("from 'ossduck'", `from ${JSON.stringify(join(root, 'src', 'index.ts'))}`));
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', file], { cwd: root, env: { PATH: process.env['PATH'] ?? '' } });
      expect(stderr).toBe('');
      expect(stdout).toBe(libraryExampleOutput());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('README SQL examples, run as written in the embedded default', () => {
  const objects = ['docs/a.pdf', 'docs/notes.txt', 'docs/2026/report.pdf', 'docs/2026/draft-1.pdf'];
  let dir: string;
  let runtime: Session | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ossduck-readme-sql-'));
    for (const key of objects) {
      mkdirSync(join(dir, 'examplebucket', key, '..'), { recursive: true });
      writeFileSync(join(dir, 'examplebucket', key), `content of ${key}`);
    }
  });
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function open(): Promise<Session> {
    const oss = new EmbeddedOss({ root: dir });
    runtime = await Session.open({ credentials: oss, routing: () => oss.routing, closeWith: oss });
    return runtime;
  }

  it("the README's first script: signs a GET and a PUT URL for the table it makes", async () => {
    const results = await (await open()).run(readmeSql('intro'));
    const urls = results.slice(-2).map((r) => String(r.rows[0]![0]));
    expect(urls).toHaveLength(2);
    expect(new URL(urls[0]!).pathname).toBe('/object-table-test/object_table_folder/signedget.txt');
    expect(new URL(urls[1]!).pathname).toBe('/object-table-test/object_table_folder/in/new.csv');
    expect(new URL(urls[1]!).searchParams.get('x-oss-expires')).toBe('600');
  });

  it('OSSDUCK_EXPLAIN_URL: the row is the one its comment shows', async () => {
    const sql = readmeSql('OSSDUCK_EXPLAIN_URL');
    const results = await (await open()).run(sql);
    const last = results[results.length - 1]!;
    expect(last.columnNames).toEqual(['verdict', 'reason', 'oss_error', 'key', 'expires_at']);
    const shown = /^-- (.*)$/m.exec(sql)![1]!.split(' | ');
    expect(shown.pop()).toBe('...');
    expect(last.rows.map((row) => row.slice(0, shown.length).map((v) => (v === null ? 'NULL' : String(v))))).toEqual([shown]);
  });

  it('oss_presign_prefix: include and exclude take what the text says, and the URLs download', async () => {
    const results = await (await open()).run(readmeSql('oss_presign_prefix'));
    const [pdfs, year] = results.slice(-2).map((r) => r.rows.map(([key, url]) => ({ key: String(key), url: String(url) })));
    expect(pdfs!.map((r) => r.key).sort()).toEqual(['2026/draft-1.pdf', '2026/report.pdf', 'a.pdf']);
    expect(new Set(pdfs!.map((r) => new URL(r.url).searchParams.get('x-oss-expires')))).toEqual(new Set(['600']));
    expect(year!.map((r) => r.key)).toEqual(['report.pdf']);
    const response = await fetch(year![0]!.url);
    expect(await response.text()).toBe('content of docs/2026/report.pdf');
  });
});
