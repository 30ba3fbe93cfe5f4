import type { SourcePosition } from '../OssduckError.js';
import type { CreateObjectTableStatement, DialectStatement, Property, QualifiedName } from './DialectStatement.js';
import { identifierValue, stringValue } from './Lexer.js';
import type { Token } from './Lexer.js';
import type { ScriptStatement } from './splitStatements.js';
import { SqlError } from './SqlError.js';

/** A cursor over a statement's significant tokens. */
class Cursor {
  readonly #tokens: readonly Token[];
  readonly #positionAt: (offset: number) => SourcePosition;
  readonly #end: number;
  #i = 0;

  constructor(tokens: readonly Token[], positionAt: (offset: number) => SourcePosition, end: number) {
    this.#tokens = tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
    this.#positionAt = positionAt;
    this.#end = end;
  }

  peek(offset = 0): Token | undefined {
    return this.#tokens[this.#i + offset];
  }

  /** Whether the statement's last significant tokens are these words. */
  endsWithWords(...words: string[]): boolean {
    const tail = this.#tokens.slice(-words.length);
    return tail.length === words.length && tail.every((t, k) => t.kind === 'word' && t.text.toUpperCase() === words[k]);
  }

  atEnd(): boolean {
    return this.#i >= this.#tokens.length;
  }

  next(): Token | undefined {
    return this.#tokens[this.#i++];
  }

  isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.kind === 'word' && t.text.toUpperCase() === word;
  }

  acceptWords(...words: string[]): boolean {
    if (!words.every((w, k) => this.isWord(w, k))) return false;
    this.#i += words.length;
    return true;
  }

  expectWord(word: string, context: string): void {
    if (!this.acceptWords(word)) throw this.error(`expected ${word} ${context}`);
  }

  acceptSymbol(symbol: string): boolean {
    const t = this.peek();
    if (t && t.kind === 'symbol' && t.text === symbol) {
      this.#i++;
      return true;
    }
    return false;
  }

  expectSymbol(symbol: string, context: string): void {
    if (!this.acceptSymbol(symbol)) throw this.error(`expected '${symbol}' ${context}`);
  }

  position(): SourcePosition {
    const t = this.peek();
    return this.#positionAt(t ? t.start : this.#end);
  }

  /** A parse error at the current token, quoting it as MaxCompute does. */
  error(detail: string): SqlError {
    const t = this.peek();
    const found = t ? `invalid token '${t.text}'` : 'unexpected end of statement';
    return SqlError.parse(`${found}: ${detail}`, this.position());
  }

  identifier(what: string): string {
    const t = this.peek();
    if (!t || (t.kind !== 'word' && t.kind !== 'quoted') || (t.kind === 'quoted' && t.text.startsWith('"'))) {
      throw this.error(`expected ${what}`);
    }
    this.#i++;
    const name = identifierValue(t);
    if (name === '') throw SqlError.parse(`empty ${what}`, this.#positionAt(t.start));
    return name;
  }

  qualifiedName(what: string, maxParts: number): QualifiedName {
    const position = this.position();
    const parts = [this.identifier(what)];
    while (this.acceptSymbol('.')) {
      if (parts.length >= maxParts) throw this.error(`${what} has more than ${maxParts} parts`);
      parts.push(this.identifier(what));
    }
    return { parts, position };
  }

  string(what: string): { value: string; position: SourcePosition } {
    const t = this.peek();
    if (!t || t.kind !== 'string') throw this.error(`expected ${what} as a quoted string`);
    this.#i++;
    const value = stringValue(t);
    // These values reach DuckDB's SQL text (a table COMMENT) or files; DuckDB would read a NUL as the end of the text.
    if (value.includes('\u0000')) throw SqlError.parse(`${what} cannot hold a NUL character (U+0000)`, this.#positionAt(t.start));
    return { value, position: this.#positionAt(t.start) };
  }

  expectEnd(context: string): void {
    if (!this.atEnd()) throw this.error(`nothing may follow ${context}`);
  }

  /** The raw text from the current token to the end of the statement. */
  rest(source: string): string {
    const t = this.peek();
    return t ? source.slice(t.start, this.#end) : '';
  }
}

function properties(cursor: Cursor, clause: string): Property[] {
  cursor.expectSymbol('(', `after ${clause}`);
  const list: Property[] = [];
  if (cursor.acceptSymbol(')')) return list;
  do {
    const key = cursor.string(`a ${clause} key`).value;
    cursor.expectSymbol('=', `after the ${clause} key '${key}'`);
    const value = cursor.string(`the value of ${clause} key '${key}'`).value;
    list.push([key, value]);
  } while (cursor.acceptSymbol(','));
  cursor.expectSymbol(')', `to close ${clause}`);
  return list;
}

function createObjectTable(cursor: Cursor): CreateObjectTableStatement {
  const ifNotExists = cursor.acceptWords('IF', 'NOT', 'EXISTS');
  const name = cursor.qualifiedName('a table name', 3);
  let location: { value: string; position: SourcePosition } | undefined;
  let serde: Property[] | undefined;
  let tbl: Property[] | undefined;
  let comment: string | undefined;
  const once = (seen: unknown, clause: string): void => {
    if (seen !== undefined) throw cursor.error(`${clause} is given twice`);
  };
  while (!cursor.atEnd()) {
    if (cursor.acceptWords('LOCATION')) {
      once(location, 'LOCATION');
      location = cursor.string("the LOCATION, e.g. 'oss://oss-cn-hangzhou-internal.aliyuncs.com/bucket/dir/'");
    } else if (cursor.acceptWords('WITH', 'SERDEPROPERTIES')) {
      once(serde, 'WITH SERDEPROPERTIES');
      serde = properties(cursor, 'SERDEPROPERTIES');
    } else if (cursor.acceptWords('TBLPROPERTIES')) {
      once(tbl, 'TBLPROPERTIES');
      tbl = properties(cursor, 'TBLPROPERTIES');
    } else if (cursor.acceptWords('COMMENT')) {
      once(comment, 'COMMENT');
      comment = cursor.string('the table comment').value;
    } else {
      throw cursor.error('expected LOCATION, WITH SERDEPROPERTIES, TBLPROPERTIES or COMMENT');
    }
  }
  if (!location) throw cursor.error("CREATE OBJECT TABLE needs LOCATION 'oss://<endpoint>/<bucket>/<prefix>/'");
  return {
    kind: 'createObjectTable',
    name,
    ifNotExists,
    location: location.value,
    locationPosition: location.position,
    serdeProperties: serde ?? [],
    tblProperties: tbl ?? [],
    comment,
  };
}

const SETTING_KEY = /^\s*((?:odps|ossduck)\.[A-Za-z0-9_.-]+)\s*=(.*)$/is;

/**
 * Reads `statement` as one of the MaxCompute statements ossduck handles
 * (SET odps.*|ossduck.*, USE, USE SCHEMA, CREATE SCHEMA, CREATE OBJECT TABLE),
 * or returns undefined: the statement then goes to DuckDB unchanged.
 */
export function parseDialect(
  statement: ScriptStatement,
  script: string,
  positionAt: (offset: number) => SourcePosition,
): DialectStatement | undefined {
  const end = statement.textStart + statement.text.length;
  const cursor = new Cursor(statement.tokens, positionAt, end);
  if (cursor.acceptWords('SET')) {
    const match = SETTING_KEY.exec(cursor.rest(script));
    if (!match) return undefined;
    let value = match[2]!.trim();
    if (value.length >= 2 && /^(['"]).*\1$/s.test(value)) value = value.slice(1, -1);
    return { kind: 'set', key: match[1]!, value };
  }
  if (cursor.acceptWords('SETPROJECT')) {
    const rest = cursor.rest(script).trim();
    if (rest === '') return { kind: 'setProject', key: undefined, value: '' };
    const match = /^([A-Za-z0-9_.-]+)\s*=(.*)$/s.exec(rest);
    if (!match) throw cursor.error('expected SETPROJECT <key>=<value>');
    let value = match[2]!.trim();
    if (value.length >= 2 && /^(['"]).*\1$/s.test(value)) value = value.slice(1, -1);
    return { kind: 'setProject', key: match[1]!, value };
  }
  if (cursor.isWord('USE')) {
    cursor.next();
    if (cursor.isWord('SCHEMA') && cursor.peek(1) !== undefined) {
      cursor.next();
      const schema = cursor.qualifiedName('a schema name', 2);
      cursor.expectEnd('USE SCHEMA <name>');
      return { kind: 'useSchema', schema };
    }
    const name = cursor.qualifiedName('a project name', 2);
    cursor.expectEnd('USE <project>');
    return { kind: 'useProject', project: name.parts[0]!, schema: name.parts[1], position: name.position };
  }
  if (cursor.acceptWords('CREATE', 'OBJECT', 'TABLE')) return createObjectTable(cursor);
  if (cursor.isWord('DESC') || cursor.isWord('DESCRIBE')) {
    cursor.next();
    const extended = cursor.acceptWords('EXTENDED');
    if (cursor.isWord('SCHEMA') || cursor.isWord('PROJECT') || cursor.isWord('FUNCTION')) return undefined;
    const name = cursor.qualifiedName('a table name', 3);
    cursor.expectEnd('DESC <table>');
    return { kind: 'describe', name, extended };
  }
  if (cursor.acceptWords('SHOW', 'TABLES')) {
    let scope: QualifiedName | undefined;
    if (cursor.acceptWords('IN') || cursor.acceptWords('FROM')) scope = cursor.qualifiedName('a project or project.schema', 2);
    const like = cursor.acceptWords('LIKE') ? cursor.string('a LIKE pattern').value : undefined;
    cursor.expectEnd('SHOW TABLES [IN <project>[.<schema>]] [LIKE ...]');
    return { kind: 'showTables', scope, like };
  }
  if (cursor.acceptWords('SHOW', 'SCHEMAS')) {
    let project: QualifiedName | undefined;
    if (cursor.acceptWords('IN') || cursor.acceptWords('FROM')) project = cursor.qualifiedName('a project name', 1);
    const like = cursor.acceptWords('LIKE') ? cursor.string('a LIKE pattern').value : undefined;
    cursor.expectEnd('SHOW SCHEMAS [IN <project>] [LIKE ...]');
    return { kind: 'showSchemas', project, like };
  }
  if (cursor.acceptWords('SHOW', 'CREATE', 'TABLE')) {
    const name = cursor.qualifiedName('a table name', 3);
    cursor.expectEnd('SHOW CREATE TABLE <table>');
    return { kind: 'showCreateTable', name };
  }
  if (cursor.isWord('ALTER') && cursor.isWord('TABLE', 1) && cursor.endsWithWords('REFRESH', 'METADATA')) {
    cursor.next();
    cursor.next();
    const name = cursor.qualifiedName('a table name', 3);
    cursor.expectWord('REFRESH', 'after the table name');
    cursor.expectWord('METADATA', 'after REFRESH');
    cursor.expectEnd('ALTER TABLE <table> REFRESH METADATA');
    return { kind: 'refreshMetadata', name };
  }
  if (cursor.acceptWords('DROP', 'TABLE')) {
    const ifExists = cursor.acceptWords('IF', 'EXISTS');
    const name = cursor.qualifiedName('a table name', 3);
    cursor.acceptWords('PURGE');
    cursor.expectEnd('DROP TABLE [IF EXISTS] <table>');
    return { kind: 'dropTable', name, ifExists };
  }
  if (cursor.acceptWords('DROP', 'SCHEMA')) {
    const ifExists = cursor.acceptWords('IF', 'EXISTS');
    const name = cursor.qualifiedName('a schema name', 2);
    cursor.acceptWords('PURGE');
    const cascade = cursor.acceptWords('CASCADE');
    if (!cascade) cursor.acceptWords('RESTRICT');
    cursor.expectEnd('DROP SCHEMA [IF EXISTS] <schema> [RESTRICT|CASCADE]');
    return { kind: 'dropSchema', name, ifExists, cascade };
  }
  if (cursor.acceptWords('CREATE', 'SCHEMA')) {
    const ifNotExists = cursor.acceptWords('IF', 'NOT', 'EXISTS');
    const name = cursor.qualifiedName('a schema name', 2);
    let comment: string | undefined;
    if (cursor.acceptWords('COMMENT')) comment = cursor.string('the schema comment').value;
    cursor.expectEnd('CREATE SCHEMA <name> [COMMENT ...]');
    return { kind: 'createSchema', name, ifNotExists, comment };
  }
  return undefined;
}
