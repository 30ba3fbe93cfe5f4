import { quoteLiteral } from '../sql/quoteIdentifier.js';

interface SelectExpression {
  readonly class?: string;
  readonly alias?: string;
}

interface QueryNode {
  readonly type?: string;
  readonly select_list?: readonly SelectExpression[];
  readonly left?: QueryNode;
}

/** The node whose select list names a query's columns (the left-most of a UNION). */
function namingNode(node: QueryNode | undefined): QueryNode | undefined {
  let at = node;
  while (at?.type === 'SET_OPERATION_NODE') at = at.left;
  return at;
}

/** How a query's columns are to be named: a function of the names DuckDB gives them. */
export type ColumnNaming = (names: readonly string[]) => readonly string[];

const KEEP: ColumnNaming = (names) => names;

/** A statement that can return a select list starts so, after any comments; any other keeps DuckDB's names without asking. */
const QUERY_START = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*(?:\(|select\b|with\b|from\b|values\b|table\b)/i;

/** Statements whose naming is kept, by their text: a script that runs one statement many times asks DuckDB once. */
const CACHED = 256;

/**
 * How MaxCompute names a query's result columns: a column, or an expression
 * with an alias, keeps its name; any other expression is `_c<n>` (n its
 * position from 0), where DuckDB would name it by its text (`upper(key)`).
 * The statement is read in DuckDB's own parsed form (`json_serialize_sql`),
 * before it runs (a second query must not run while its rows stream); a
 * statement that is no plain SELECT, or a select list with `*`, keeps
 * DuckDB's names.
 */
export async function maxComputeColumnNaming(
  query: (sql: string) => Promise<readonly (readonly unknown[])[]>,
  duckSql: string,
  cache: Map<string, ColumnNaming> = new Map(),
): Promise<ColumnNaming> {
  if (!QUERY_START.test(duckSql)) return KEEP;
  const known = cache.get(duckSql);
  if (known) return known;
  const naming = await askDuckDB(query, duckSql);
  // Unanswered (asked inside a transaction a failed statement aborted): DuckDB's names this once, asked again next time.
  if (naming === undefined) return KEEP;
  if (cache.size >= CACHED) cache.clear();
  cache.set(duckSql, naming);
  return naming;
}

async function askDuckDB(query: (sql: string) => Promise<readonly (readonly unknown[])[]>, duckSql: string): Promise<ColumnNaming | undefined> {
  let parsed: { error?: boolean; statements?: readonly { node?: QueryNode }[] };
  try {
    const rows = await query(`SELECT json_serialize_sql(${quoteLiteral(duckSql)})`);
    parsed = JSON.parse(String(rows[0]?.[0] ?? '{}')) as typeof parsed;
  } catch {
    return undefined;
  }
  if (parsed.error || parsed.statements?.length !== 1) return KEEP;
  const list = namingNode(parsed.statements[0]!.node)?.select_list;
  if (!list || list.some((e) => e.class === 'STAR' || e.class === 'COLUMNS')) return KEEP;
  return (names) =>
    names.length !== list.length
      ? names
      : names.map((name, i) => (list[i]!.class === 'COLUMN_REF' || (list[i]!.alias ?? '') !== '' ? name : `_c${i}`));
}
