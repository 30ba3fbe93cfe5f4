import { readFileSync, writeFileSync } from 'node:fs';
import { AUDIT_OPTIONS } from '../../src/cli/auditCommand.js';
import { CHECK_OPTIONS } from '../../src/cli/checkCommand.js';
import { OPTIONS } from '../../src/cli/cliOptions.js';
import { EXPLAIN_URL_OPTIONS } from '../../src/cli/explainUrlCommand.js';
import { LINT_KEYS_OPTIONS } from '../../src/cli/lintKeysCommand.js';
import type { OptionSpec } from '../../src/cli/parseOptions.js';
import { QUICKSTART_OPTIONS } from '../../src/cli/quickstartCommand.js';
import { SERVE_OPTIONS } from '../../src/cli/serveCommand.js';
import { ISSUED_URL_FIELDS } from '../../src/session/issuedUrlFields.js';
import { SETTINGS } from '../../src/session/settingSpecs.js';

/**
 * The tables of the docs that are made from the tables the code runs on:
 * each command's options (the ones its parser reads) and the settings. In a
 * doc, a table sits between `<!-- generated: NAME -->` and
 * `<!-- end generated -->`; `npm run docs` rewrites them, and
 * test/docs/docTables.test.ts fails when one differs.
 */

/** `|` inside a cell, escaped for markdown. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function optionTable(specs: readonly OptionSpec[]): string {
  const rows = specs.map((o) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${o.name}${o.value ? ` ${o.value}` : ''}`;
    const more = o.repeatable ? 'repeatable' : '';
    return `| \`${flag}\` | ${cell(o.description)}${more ? ` (${more})` : ''} |`;
  });
  return ['| option | does |', '| --- | --- |', ...rows].join('\n');
}

function settingsTable(): string {
  const rows = SETTINGS.map((s) => {
    const when = [s.atStartOnly ? 'given at start: `--set`, the library\'s `settings`' : '', s.fixedInSandbox ? 'fixed in sandbox mode' : ''].filter((x) => x !== '').join('; ');
    return `| \`${s.key}\` | ${s.defaultValue === '' ? '(none)' : `\`${s.defaultValue}\``} | ${cell(s.description)}${when ? ` (${when})` : ''} |`;
  });
  return ['| setting | default | does |', '| --- | --- | --- |', ...rows].join('\n');
}

function auditFieldsTable(): string {
  const rows = ISSUED_URL_FIELDS.map((f) => `| \`${f.name}\` | ${f.type} | ${cell(f.meaning)} | ${f.inAccessLog ? 'yes' : ''} |`);
  return ['| field | JSON type | meaning | also in `serve --access-log` |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** Every generated table, by the name its marker gives. */
export const DOC_TABLES: ReadonlyMap<string, () => string> = new Map([
  ['options ossduck', () => optionTable(OPTIONS)],
  ['options serve', () => optionTable(SERVE_OPTIONS)],
  ['options quickstart', () => optionTable(QUICKSTART_OPTIONS)],
  ['options explain-url', () => optionTable(EXPLAIN_URL_OPTIONS)],
  ['options lint-keys', () => optionTable(LINT_KEYS_OPTIONS)],
  ['options check', () => optionTable(CHECK_OPTIONS)],
  ['options audit', () => optionTable(AUDIT_OPTIONS)],
  ['settings', settingsTable],
  ['audit fields', auditFieldsTable],
]);

const MARKED = /<!-- generated: ([^>]+?) -->\n([\s\S]*?)<!-- end generated -->/g;

/** The generated tables of a doc's text: name, the text there now, and what it should be. */
export function tablesOf(text: string): { name: string; found: string; expected: string | undefined }[] {
  return [...text.matchAll(MARKED)].map((m) => ({ name: m[1]!, found: m[2]!, expected: DOC_TABLES.get(m[1]!)?.() }));
}

/** `text` with every generated table made again. */
export function regenerate(text: string): string {
  return text.replace(MARKED, (whole, name: string) => {
    const make = DOC_TABLES.get(name);
    if (!make) throw new Error(`no generated table is called '${name}'`);
    return `<!-- generated: ${name} -->\n${make()}\n<!-- end generated -->`;
  });
}

// `npm run docs`: rewrite the tables of the files given.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  for (const file of process.argv.slice(2)) {
    const before = readFileSync(file, 'utf8');
    const after = regenerate(before);
    if (after !== before) writeFileSync(file, after);
  }
}
