import type { SourcePosition } from '../OssduckError.js';
import { positionedSync } from '../OssduckError.js';
import { identifierValue, tokenize } from '../sql/Lexer.js';
import type { Token } from '../sql/Lexer.js';
import { CatalogError } from './CatalogError.js';
import { objectName, projectName } from './names.js';

/** The schema every project has, as in MaxCompute. */
export const DEFAULT_SCHEMA = 'default';

/** A table's full name, each part in lower case. */
export interface TableName {
  readonly project: string;
  readonly schema: string;
  readonly name: string;
}

/** What a partial name is resolved against: the current project and schema, and odps.namespace.schema. */
export interface NameScope {
  readonly project: string;
  readonly schema: string;
  /** true: `a.b` is schema.table; false: `a.b` is project.table. */
  readonly namespaceSchema: boolean;
}

/**
 * The table `parts` name in a statement: `p.s.t`, `s.t` (or `p.t` with
 * odps.namespace.schema=false) or `t`, resolved against `scope`. Each part is
 * checked as MaxCompute names are; a bad one is an error at `position`.
 */
export function resolveTableName(parts: readonly string[], scope: NameScope, position?: SourcePosition): TableName {
  return positionedSync(position, () => {
    if (parts.length === 3) return { project: projectName(parts[0]!), schema: objectName(parts[1]!, 'schema'), name: objectName(parts[2]!, 'table') };
    if (parts.length === 2) {
      return scope.namespaceSchema
        ? { project: scope.project, schema: objectName(parts[0]!, 'schema'), name: objectName(parts[1]!, 'table') }
        : { project: projectName(parts[0]!), schema: DEFAULT_SCHEMA, name: objectName(parts[1]!, 'table') };
    }
    if (parts.length === 1) return { project: scope.project, schema: scope.schema, name: objectName(parts[0]!, 'table') };
    throw CatalogError.invalidName(`'${parts.join('.')}' is not a table name: use table, schema.table or project.schema.table`);
  });
}

/** The schema `parts` name (`[project.]schema`), the project defaulting to the current one. */
export function resolveSchemaName(parts: readonly string[], scope: Pick<NameScope, 'project'>, position?: SourcePosition): [string, string] {
  return positionedSync(position, () => {
    const project = parts.length === 2 ? projectName(parts[0]!) : scope.project;
    return [project, objectName(parts[parts.length - 1]!, 'schema')];
  });
}

function isIdentifier(token: Token): boolean {
  return token.kind === 'word' || token.kind === 'quoted';
}

/**
 * The parts of a dotted name given as text (a function's table argument):
 * identifiers, plain or quoted with backticks or double quotes, separated by
 * dots, blanks allowed around them. Undefined for text that is no such name.
 */
export function nameParts(text: string): string[] | undefined {
  let tokens: Token[];
  try {
    tokens = tokenize(text).filter((t) => t.kind !== 'space');
  } catch {
    return undefined;
  }
  if (tokens.length === 0 || tokens.length % 2 === 0) return undefined;
  const parts: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (i % 2 === 1) {
      if (token.kind !== 'symbol' || token.text !== '.') return undefined;
    } else {
      if (!isIdentifier(token)) return undefined;
      const part = identifierValue(token);
      if (part === '') return undefined;
      parts.push(part);
    }
  }
  return parts;
}

/**
 * The full table name a function's `full_object_table_name` argument gives:
 * `project.schema.table`, or `project.table` (schema `default`) with
 * odps.namespace.schema=false. Parts are matched in lower case, as MaxCompute
 * names are case-insensitive. A shorter or malformed name is an error naming
 * `fn` and what is expected.
 */
export function fullTableName(text: string, fn: string, namespaceSchema: boolean): TableName {
  const parts = nameParts(text);
  const expected = namespaceSchema ? 'project.schema.table' : 'project.table (odps.namespace.schema=false) or project.schema.table';
  const valid = parts !== undefined && (parts.length === 3 || (parts.length === 2 && !namespaceSchema));
  if (!valid) throw CatalogError.badTableArgument(fn, `full_object_table_name '${text}' must be the full name of an object table, ${expected}`);
  const [project, schema, name] = parts.length === 3 ? parts : [parts[0]!, DEFAULT_SCHEMA, parts[1]!];
  return { project: project!.toLowerCase(), schema: schema!.toLowerCase(), name: name!.toLowerCase() };
}
