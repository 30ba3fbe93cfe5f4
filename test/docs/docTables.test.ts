import { describe, expect, it } from 'vitest';
import { DOC_TABLES, regenerate, tablesOf } from '../../docs/tools/docTables.js';
import { docFiles } from '../support/docsText.js';

describe('the generated tables of the docs', () => {
  const files = docFiles();

  it('are what the option tables and the settings table make (npm run docs writes them)', () => {
    let seen = 0;
    for (const [path, text] of files) {
      for (const table of tablesOf(text)) {
        seen++;
        expect(table.expected, `${path}: no generated table is called '${table.name}'`).toBeDefined();
        expect(table.found, `${path}: table '${table.name}' differs; run npm run docs`).toBe(`${table.expected}\n`);
      }
    }
    expect(seen).toBeGreaterThanOrEqual(DOC_TABLES.size);
  });

  it('show every table at least once', () => {
    const shown = new Set([...files.values()].flatMap((text) => tablesOf(text).map((t) => t.name)));
    expect([...DOC_TABLES.keys()].filter((name) => !shown.has(name))).toEqual([]);
  });

  it('are found again when a row is changed by hand', () => {
    const text = files.get('docs/cli.md')!;
    const changed = text.replace('| `-f, --file PATH` |', '| `-f, --file FILE` |');
    expect(changed).not.toBe(text);
    expect(tablesOf(changed).some((t) => t.found !== `${t.expected}\n`)).toBe(true);
    expect(regenerate(changed)).toBe(text);
  });
});

describe('the links between the docs', () => {
  it('lead to files that exist', () => {
    const files = docFiles();
    const broken: string[] = [];
    for (const [path, text] of files) {
      const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+\.md)(?:#[^)]*)?\)/g)) {
        const resolved = new URL(target!, `file:///r/${dir}`).pathname.slice(3);
        if (!files.has(resolved)) broken.push(`${path} -> ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
