import { describe, expect, it } from 'vitest';
import { completionCandidates, dotCommandCandidates, SQL_KEYWORDS, wordAtEnd } from '../../src/cli/completionCandidates.js';
import type { CompletionNames } from '../../src/cli/completionCandidates.js';
import { DOT_COMMANDS } from '../../src/cli/parseDotCommand.js';

const NAMES: CompletionNames = {
  keywords: SQL_KEYWORDS,
  functions: ['GET_SIGNED_URL_FROM_OSS', 'get_bit', 'sum', 'substring', 'sha256', 'select_it'],
  projects: ['default_project', 'my_project'],
  schemas: [
    { project: 'default_project', schema: 'default' },
    { project: 'my_project', schema: 'default' },
    { project: 'my_project', schema: 'sales' },
  ],
  tables: [
    { project: 'default_project', schema: 'default', name: 'docs' },
    { project: 'default_project', schema: 'default', name: 'docs_archive' },
    { project: 'my_project', schema: 'sales', name: 'orders' },
    { project: 'my_project', schema: 'default', name: 'logs' },
  ],
  currentProject: 'default_project',
  currentSchema: 'default',
  namespaceSchema: true,
};

describe('wordAtEnd', () => {
  it.each([
    ['SELECT * FROM do', 'do'],
    ['SELECT * FROM my_project.sa', 'my_project.sa'],
    ["SELECT GET_SIGNED_URL_FROM_OSS('default_project.default.d", 'default_project.default.d'],
    ['SELECT ', ''],
    ['sum(', ''],
  ])('%j ends in %j', (text, word) => {
    expect(wordAtEnd(text)).toBe(word);
  });
});

describe('completionCandidates', () => {
  it('completes keywords in the case being typed', () => {
    expect(completionCandidates('SELE', NAMES)).toEqual(['SELECT', 'SELECT_IT']);
    expect(completionCandidates('sele', NAMES)).toEqual(['select', 'select_it']);
    expect(completionCandidates('Sele', NAMES)).toEqual(['Select', 'Select_it']);
    expect(completionCandidates('serdep', NAMES)).toEqual(['serdeproperties']);
    expect(completionCandidates('TBLP', NAMES)).toEqual(['TBLPROPERTIES']);
  });

  it("completes DuckDB's functions and GET_SIGNED_URL_FROM_OSS, ignoring case", () => {
    expect(completionCandidates('get_', NAMES)).toEqual(['get_bit', 'get_signed_url_from_oss']);
    expect(completionCandidates('GET_SI', NAMES)).toEqual(['GET_SIGNED_URL_FROM_OSS']);
    expect(completionCandidates('sha', NAMES)).toEqual(['sha256']);
  });

  it('completes tables of the current schema, schemas of the current project and projects', () => {
    expect(completionCandidates('doc', NAMES)).toEqual(['docs', 'docs_archive']);
    expect(completionCandidates('DOC', NAMES)).toEqual(['DOCs', 'DOCs_archive']);
    expect(completionCandidates('my_', NAMES)).toEqual(['my_project']);
    expect(completionCandidates('defa', NAMES)).toEqual(['default', 'default_project']);
    expect(completionCandidates('ord', NAMES)).toEqual(['order']);
  });

  it('completes project.schema and project.schema.table, and schema.table of the current project', () => {
    expect(completionCandidates('my_project.', NAMES)).toEqual(['my_project.default', 'my_project.sales']);
    expect(completionCandidates('my_project.sa', NAMES)).toEqual(['my_project.sales']);
    expect(completionCandidates('my_project.sales.', NAMES)).toEqual(['my_project.sales.orders']);
    expect(completionCandidates('MY_PROJECT.SALES.o', NAMES)).toEqual(['MY_PROJECT.SALES.orders']);
    expect(completionCandidates('default_project.default.docs_', NAMES)).toEqual(['default_project.default.docs_archive']);
    expect(completionCandidates('default.d', NAMES)).toEqual(['default.docs', 'default.docs_archive']);
    expect(completionCandidates('nowhere.', NAMES)).toEqual([]);
    expect(completionCandidates('a.b.c.', NAMES)).toEqual([]);
  });

  it('reads a.b as project.table with odps.namespace.schema=false', () => {
    expect(completionCandidates('my_project.', { ...NAMES, namespaceSchema: false })).toEqual(['my_project.default', 'my_project.logs', 'my_project.sales']);
    expect(completionCandidates('default.d', { ...NAMES, namespaceSchema: false })).toEqual([]);
  });

  it('offers the tables in use for an empty word where a table goes, else nothing, and each candidate once', () => {
    expect(completionCandidates('', NAMES)).toEqual([]);
    expect(completionCandidates('', NAMES, 'SELECT ')).toEqual([]);
    expect(completionCandidates('', NAMES, 'SELECT * FROM ')).toEqual(['docs', 'docs_archive']);
    expect(completionCandidates('', NAMES, 'select * from t join ')).toEqual(['docs', 'docs_archive']);
    expect(completionCandidates('', NAMES, 'DESC ')).toEqual(['docs', 'docs_archive']);
    expect(completionCandidates('', { ...NAMES, currentProject: 'my_project', currentSchema: 'sales' }, 'ALTER TABLE ')).toEqual(['orders']);
    const all = completionCandidates('s', NAMES);
    expect(new Set(all.map((c) => c.toLowerCase())).size).toBe(all.length);
  });

  it('keeps what was typed as the beginning of every candidate', () => {
    for (const word of ['s', 'S', 'se', 'get_s', 'GeT_s', 'my_project.s', 'default_project.default.', 'do']) {
      for (const c of completionCandidates(word, NAMES)) expect(c.startsWith(word), `${word} → ${c}`).toBe(true);
    }
  });
});

describe('dotCommandCandidates', () => {
  const commands = DOT_COMMANDS.map((c) => c.name);
  it('completes dot commands at the start of a line', () => {
    expect(dotCommandCandidates('.ta', commands)).toEqual(['.tables']);
    expect(dotCommandCandidates('.', commands)).toEqual(commands.map((c) => `.${c}`));
    expect(dotCommandCandidates('.e', commands)).toEqual(['.exit']);
    expect(dotCommandCandidates('  .mo', commands)).toEqual(['.mode']);
    expect(dotCommandCandidates('SELECT .t', commands)).toEqual([]);
  });
});
