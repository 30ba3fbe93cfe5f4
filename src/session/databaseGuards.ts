import type { Catalog } from '../catalog/Catalog.js';
import { CatalogError } from '../catalog/CatalogError.js';
import { quoteIdentifier } from '../sql/quoteIdentifier.js';
import { identifierValue } from '../sql/Lexer.js';
import type { ScriptStatement } from '../sql/splitStatements.js';

function words(statement: ScriptStatement): { kind: string; text: string; value: string }[] {
  return statement.tokens
    .filter((t) => t.kind !== 'space' && t.kind !== 'comment')
    .map((t) => ({ kind: t.kind, text: t.text, value: t.kind === 'word' || t.kind === 'quoted' ? identifierValue(t) : t.text }));
}

/**
 * The database a DuckDB `DETACH [DATABASE] [IF EXISTS] name` names, or
 * undefined for any other statement.
 */
export function detachedName(statement: ScriptStatement): string | undefined {
  const list = words(statement);
  let i = 0;
  const isWord = (w: string): boolean => list[i]?.kind === 'word' && list[i]!.value.toUpperCase() === w;
  if (!isWord('DETACH')) return undefined;
  i++;
  if (isWord('DATABASE')) i++;
  if (isWord('IF')) i += 2;
  const name = list[i];
  return name && (name.kind === 'word' || name.kind === 'quoted') && list.length === i + 1 ? name.value.toLowerCase() : undefined;
}

/** Whether a statement is a DuckDB ATTACH. */
export function isAttach(statement: ScriptStatement): boolean {
  const first = words(statement)[0];
  return first?.kind === 'word' && first.value.toUpperCase() === 'ATTACH';
}

/** A project open in the session stays attached: DETACH of one is refused before DuckDB sees it. */
export function refuseProjectDetach(statement: ScriptStatement, catalog: Catalog): void {
  const name = detachedName(statement);
  if (name !== undefined && catalog.attachedProjects().includes(name)) {
    throw CatalogError.invalidName(`${name} is a project of this session and stays attached; DETACH only databases attached with ATTACH`);
  }
}

/**
 * After an ATTACH: a database attached under the name of one of the
 * warehouse's projects would hide that project, so it is detached again
 * and the statement refused.
 */
export async function refuseProjectShadowing(catalog: Catalog): Promise<void> {
  const attached = new Set(catalog.attachedProjects());
  const projects = new Set(catalog.warehouse.projectNames());
  const rows = await catalog.database.query('SELECT database_name FROM duckdb_databases() WHERE NOT internal');
  for (const [raw] of rows) {
    const name = String(raw);
    if (projects.has(name) && !attached.has(name)) {
      await catalog.database.run(`DETACH ${quoteIdentifier(name)}`);
      throw CatalogError.invalidName(`${name} is a project of ${catalog.warehouse.description}; ATTACH a database under another name`);
    }
  }
}
