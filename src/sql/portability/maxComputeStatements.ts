/**
 * The statements MaxCompute accepts, by their first words, and its data
 * types. Source: MaxCompute's SQL reference (help.aliyun.com /
 * alibabacloud.com, maxcompute/user-guide): DDL (tables, partitions and
 * columns, views, materialized views, schemas, object and external tables,
 * functions and SQL functions), DML (INSERT INTO / OVERWRITE, multi-insert
 * `FROM ... INSERT`, UPDATE, DELETE, MERGE INTO, LOAD, UNLOAD), DQL (SELECT,
 * WITH, FROM-first SELECT, EXPLAIN, COST SQL), the client's commands (SET,
 * SETPROJECT, USE, DESC, SHOW, ADD/LIST resources, security commands),
 * script mode (`@var := ...`) and "Data types" (the 2.0 type system).
 */
export interface StatementForm {
  /** The first word, upper case (`@` for a script-mode variable assignment). */
  readonly first: string;
  /** The words the second may be; any word when absent. */
  readonly then?: readonly string[];
}

export const MAXCOMPUTE_STATEMENTS: readonly StatementForm[] = [
  { first: 'SELECT' },
  { first: 'WITH' },
  { first: 'FROM' },
  { first: 'INSERT', then: ['INTO', 'OVERWRITE'] },
  { first: 'UPDATE' },
  { first: 'DELETE', then: ['FROM'] },
  { first: 'MERGE', then: ['INTO'] },
  {
    first: 'CREATE',
    then: ['TABLE', 'EXTERNAL', 'OBJECT', 'VIEW', 'MATERIALIZED', 'OR', 'SCHEMA', 'FUNCTION', 'SQL', 'ROLE', 'PACKAGE', 'DELTA', 'TRANSACTIONAL'],
  },
  { first: 'ALTER', then: ['TABLE', 'VIEW', 'MATERIALIZED', 'SCHEMA', 'PROJECT'] },
  { first: 'DROP', then: ['TABLE', 'EXTERNAL', 'OBJECT', 'VIEW', 'MATERIALIZED', 'SCHEMA', 'FUNCTION', 'SQL', 'RESOURCE', 'ROLE', 'PACKAGE', 'OFFLINE'] },
  { first: 'TRUNCATE', then: ['TABLE'] },
  { first: 'DESC' },
  { first: 'DESCRIBE' },
  {
    first: 'SHOW',
    then: [
      'TABLES', 'SCHEMAS', 'PARTITIONS', 'CREATE', 'GRANTS', 'ACL', 'INSTANCES', 'P', 'FUNCTIONS', 'RESOURCES', 'ROLES',
      'PACKAGES', 'VIEWS', 'MATERIALIZED', 'EXTERNAL', 'LABEL', 'HISTORY', 'PRINCIPALS', 'SECURITY', 'USERS', 'TAGS', 'OBJECT',
    ],
  },
  { first: 'SET' },
  { first: 'SETPROJECT' },
  { first: 'USE' },
  { first: 'EXPLAIN' },
  { first: 'COST', then: ['SQL'] },
  { first: 'ANALYZE', then: ['TABLE'] },
  { first: 'MSCK', then: ['REPAIR'] },
  { first: 'LOAD', then: ['INTO', 'OVERWRITE'] },
  { first: 'UNLOAD', then: ['FROM'] },
  { first: 'CLONE', then: ['TABLE'] },
  { first: 'RESTORE', then: ['TABLE'] },
  { first: 'PURGE', then: ['TABLE', 'ALL'] },
  { first: 'GRANT' },
  { first: 'REVOKE' },
  { first: 'ADD' },
  { first: 'REMOVE' },
  { first: 'LIST' },
  { first: 'WHOAMI' },
  { first: 'KILL' },
  { first: 'TUNNEL' },
  { first: 'FUNCTION' },
  { first: '@' },
];

/** MaxCompute's data types (the 2.0 type system), upper case. */
export const MAXCOMPUTE_TYPES: ReadonlySet<string> = new Set([
  'TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL', 'VARCHAR', 'CHAR', 'STRING', 'BINARY', 'BOOLEAN',
  'DATE', 'DATETIME', 'TIMESTAMP', 'TIMESTAMP_NTZ', 'ARRAY', 'MAP', 'STRUCT', 'JSON', 'INTERVAL_DAY_TIME', 'INTERVAL_YEAR_MONTH',
]);

/** MaxCompute types that must be written with a length: `VARCHAR(n)`, `CHAR(n)`. */
export const MAXCOMPUTE_SIZED_TYPES: ReadonlySet<string> = new Set(['VARCHAR', 'CHAR']);
