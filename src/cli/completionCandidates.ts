/**
 * SQL keywords offered by Tab: MaxCompute's (the statements ossduck reads
 * itself, and its query language) and the common DuckDB ones.
 */
export const SQL_KEYWORDS: readonly string[] = [
  // MaxCompute DDL and the dialect ossduck handles
  'ADD', 'ALTER', 'CASCADE', 'COMMENT', 'CREATE', 'DESC', 'DESCRIBE', 'DROP', 'EXTENDED', 'IF', 'LIFECYCLE',
  'LOCATION', 'METADATA', 'OBJECT', 'PARTITION', 'PARTITIONED', 'PROJECT', 'REFRESH', 'SCHEMA', 'SCHEMAS',
  'SERDEPROPERTIES', 'SET', 'SHOW', 'STORED', 'TABLE', 'TABLES', 'TBLPROPERTIES', 'USE', 'EXTERNAL', 'PROPERTIES',
  // queries
  'SELECT', 'DISTINCT', 'FROM', 'WHERE', 'GROUP', 'BY', 'HAVING', 'ORDER', 'ASC', 'LIMIT', 'OFFSET', 'UNION',
  'ALL', 'INTERSECT', 'EXCEPT', 'MINUS', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'SEMI', 'ANTI',
  'ON', 'USING', 'AS', 'WITH', 'RECURSIVE', 'VALUES', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'AND', 'OR', 'NOT',
  'IN', 'IS', 'NULL', 'TRUE', 'FALSE', 'LIKE', 'RLIKE', 'ILIKE', 'BETWEEN', 'EXISTS', 'OVER', 'WINDOW', 'ROWS',
  'RANGE', 'UNBOUNDED', 'PRECEDING', 'FOLLOWING', 'CURRENT', 'ROW', 'LATERAL', 'VIEW', 'EXPLODE', 'CAST',
  'TRY_CAST', 'DISTRIBUTE', 'SORT', 'CLUSTER', 'NULLS', 'FIRST', 'LAST', 'QUALIFY', 'FILTER', 'INTERVAL',
  // changes
  'INSERT', 'INTO', 'OVERWRITE', 'UPDATE', 'DELETE', 'MERGE', 'TRUNCATE', 'REPLACE', 'TEMPORARY', 'TEMP',
  'FUNCTION', 'MACRO', 'SEQUENCE', 'INDEX', 'PRIMARY', 'KEY', 'DEFAULT', 'UNIQUE', 'CONSTRAINT', 'REFERENCES',
  'RENAME', 'COLUMN', 'COLUMNS', 'TO', 'BEGIN', 'COMMIT', 'ROLLBACK', 'TRANSACTION',
  // types (MaxCompute and DuckDB)
  'BIGINT', 'INT', 'INTEGER', 'SMALLINT', 'TINYINT', 'BOOLEAN', 'DOUBLE', 'FLOAT', 'DECIMAL', 'STRING',
  'VARCHAR', 'CHAR', 'BINARY', 'BLOB', 'DATE', 'DATETIME', 'TIMESTAMP', 'TIMESTAMPTZ', 'TIMESTAMP_NTZ', 'ARRAY',
  'MAP', 'STRUCT', 'JSON', 'UUID', 'HUGEINT',
  // DuckDB statements and clauses
  'ATTACH', 'DETACH', 'COPY', 'EXPORT', 'IMPORT', 'DATABASE', 'PRAGMA', 'EXPLAIN', 'ANALYZE', 'SUMMARIZE',
  'PIVOT', 'UNPIVOT', 'ASOF', 'POSITIONAL', 'EXCLUDE', 'RETURNING', 'TABLESAMPLE', 'SAMPLE', 'CALL', 'INSTALL',
  'LOAD', 'CHECKPOINT', 'VACUUM', 'RESET', 'GLOBAL', 'SESSION', 'VARIABLE', 'TYPE', 'ENUM', 'FORMAT', 'HEADER',
];

/** Names Tab can complete besides keywords, as of the moment Tab is pressed. */
export interface CompletionNames {
  readonly keywords: readonly string[];
  readonly functions: readonly string[];
  readonly projects: readonly string[];
  readonly schemas: readonly { readonly project: string; readonly schema: string }[];
  readonly tables: readonly { readonly project: string; readonly schema: string; readonly name: string }[];
  readonly currentProject: string;
  readonly currentSchema: string;
  /** `odps.namespace.schema`: whether `a.b` is schema.table (true) or project.table (false). */
  readonly namespaceSchema: boolean;
}

/** The word being typed at the end of `text`: letters, digits, `_`, `$` and dots (for `project.schema.table`). */
export function wordAtEnd(text: string): string {
  return /[A-Za-z0-9_$.\u0080-\uffff]*$/.exec(text)![0];
}

/** `candidate` with `typed` as its beginning, the rest in the case of the last letter typed. */
function inCaseOf(typed: string, candidate: string, fallback: 'upper' | 'lower'): string {
  const letters = typed.replace(/[^A-Za-z]/g, '');
  const last = letters[letters.length - 1];
  const upper = last === undefined ? fallback === 'upper' : last === last.toUpperCase();
  const rest = candidate.slice(typed.length);
  return typed + (upper ? rest.toUpperCase() : rest.toLowerCase());
}

function startsWith(name: string, prefix: string): boolean {
  return name.toLowerCase().startsWith(prefix.toLowerCase());
}

/**
 * What Tab offers for `word` (see `wordAtEnd`), each beginning with `word`
 * exactly as typed, so readline can extend it. Matching ignores case;
 * keywords and functions continue in the case being typed. A dotted word
 * completes the next part of `project.schema.table` (or `schema.table`).
 * For an empty word, the tables of the schema in use where `before` (the
 * text before it) ends where a table name goes (after FROM, JOIN, ...), else
 * nothing. Sorted, without duplicates. Pure.
 */
export function completionCandidates(word: string, names: CompletionNames, before = ''): string[] {
  if (word === '') return TABLE_POSITION.test(before) ? tablesInUse(names) : [];
  const found = new Map<string, string>();
  const add = (candidate: string): void => {
    const key = candidate.toLowerCase();
    if (!found.has(key)) found.set(key, candidate);
  };
  const parts = word.split('.');
  if (parts.length === 1) {
    for (const k of names.keywords) if (startsWith(k, word)) add(inCaseOf(word, k, 'upper'));
    for (const f of names.functions) if (startsWith(f, word)) add(inCaseOf(word, f, f === f.toUpperCase() ? 'upper' : 'lower'));
    for (const t of names.tables) {
      if (t.project === names.currentProject && t.schema === names.currentSchema && startsWith(t.name, word)) add(word + t.name.slice(word.length));
    }
    for (const s of names.schemas) if (s.project === names.currentProject && startsWith(s.schema, word)) add(word + s.schema.slice(word.length));
    for (const p of names.projects) if (startsWith(p, word)) add(word + p.slice(word.length));
  } else if (parts.length === 2) {
    const [first, typed] = parts as [string, string];
    const head = `${first}.`;
    const firstIs = (name: string): boolean => name.toLowerCase() === first.toLowerCase();
    for (const t of names.tables) {
      const schemaTable = names.namespaceSchema && t.project === names.currentProject && firstIs(t.schema);
      const projectTable = !names.namespaceSchema && firstIs(t.project) && t.schema === 'default';
      if ((schemaTable || projectTable) && startsWith(t.name, typed)) add(head + typed + t.name.slice(typed.length));
    }
    for (const s of names.schemas) if (firstIs(s.project) && startsWith(s.schema, typed)) add(head + typed + s.schema.slice(typed.length));
  } else if (parts.length === 3) {
    const [project, schema, typed] = parts as [string, string, string];
    const head = `${project}.${schema}.`;
    for (const t of names.tables) {
      if (t.project.toLowerCase() === project.toLowerCase() && t.schema.toLowerCase() === schema.toLowerCase() && startsWith(t.name, typed)) {
        add(head + typed + t.name.slice(typed.length));
      }
    }
  }
  return [...found.values()].sort(byNameIgnoringCase);
}

function byNameIgnoringCase(a: string, b: string): number {
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
}

/** Text ending where a table name goes next: after FROM, JOIN, TABLE, INTO, UPDATE, DESC or DESCRIBE. */
const TABLE_POSITION = /\b(?:FROM|JOIN|TABLE|INTO|UPDATE|DESC|DESCRIBE)\s+$/i;

/** The tables of the schema in use, sorted. */
function tablesInUse(names: CompletionNames): string[] {
  return names.tables
    .filter((t) => t.project === names.currentProject && t.schema === names.currentSchema)
    .map((t) => t.name)
    .sort(byNameIgnoringCase);
}

/** What Tab offers for a line that starts a dot command: `.ta` → `.tables`. */
export function dotCommandCandidates(text: string, commands: readonly string[]): string[] {
  const m = /^\s*(\.[A-Za-z]*)$/.exec(text);
  if (!m) return [];
  const typed = m[1]!;
  return commands.map((c) => `.${c}`).filter((c) => c.startsWith(typed.toLowerCase()) && c.length >= typed.length).map((c) => typed + c.slice(typed.length));
}
