import type { Catalog } from '../catalog/Catalog.js';
import { CatalogError } from '../catalog/CatalogError.js';
import { qualifiedName } from '../catalog/ObjectTable.js';
import { resolveTableName } from '../catalog/TableName.js';
import type { NameScope } from '../catalog/TableName.js';
import type { SourcePosition } from '../OssduckError.js';
import { identifierValue } from '../sql/Lexer.js';
import type { Token } from '../sql/Lexer.js';
import type { ScriptStatement } from '../sql/splitStatements.js';

/** DuckDB's refusals to write to a view, which an object table is. */
const VIEW_WRITE =
  /is not an table|Can only update base table|Can only delete from base table|can only create an index on a base table|Can only modify view with ALTER VIEW|Can only merge into base tables|Cannot (?:insert|copy) into (?:a )?view/i;

/** The dotted names a statement holds (`p.s.t`, `s.t`, `t`), each with where it starts. */
function dottedNames(statement: ScriptStatement): { parts: string[]; start: number }[] {
  const tokens = statement.tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  const names: { parts: string[]; start: number }[] = [];
  const isName = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
  for (let i = 0; i < tokens.length; i++) {
    if (!isName(tokens[i])) continue;
    const start = tokens[i]!.start;
    const parts = [identifierValue(tokens[i]!)];
    while (tokens[i + 1]?.text === '.' && isName(tokens[i + 2])) {
      parts.push(identifierValue(tokens[i + 2]!));
      i += 2;
    }
    if (parts.length <= 3) names.push({ parts, start });
  }
  return names;
}

/**
 * When DuckDB refused a statement because it would write to a view, and the
 * view it names is an object table, the refusal in MaxCompute's terms: only
 * REFRESH METADATA changes an object table. Undefined for anything else.
 */
export async function objectTableWriteError(
  error: unknown,
  statement: ScriptStatement,
  scope: NameScope,
  catalog: Catalog,
  positionAt: (offset: number) => SourcePosition,
): Promise<CatalogError | undefined> {
  if (!VIEW_WRITE.test(String((error as Error)?.message ?? ''))) return undefined;
  const objectTables = new Set((await catalog.objectTables()).map(qualifiedName));
  for (const { parts, start } of dottedNames(statement)) {
    let name: string;
    try {
      name = qualifiedName(resolveTableName(parts, scope));
    } catch {
      continue;
    }
    if (objectTables.has(name)) return CatalogError.readOnlyObjectTable(name, positionAt(start));
  }
  return undefined;
}
