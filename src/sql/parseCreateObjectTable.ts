import type { SourcePosition } from '../OssduckError.js';
import type { CreateObjectTableStatement, Property } from './DialectStatement.js';
import { parseProperties } from './parseProperties.js';
import type { TokenCursor } from './TokenCursor.js';

/**
 * The rest of `CREATE OBJECT TABLE [IF NOT EXISTS] <table> LOCATION '...'
 * [WITH SERDEPROPERTIES (...)] [TBLPROPERTIES (...)] [COMMENT '...']`, the
 * clauses in any order, each at most once.
 */
export function parseCreateObjectTable(cursor: TokenCursor): CreateObjectTableStatement {
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
      serde = parseProperties(cursor, 'SERDEPROPERTIES');
    } else if (cursor.acceptWords('TBLPROPERTIES')) {
      once(tbl, 'TBLPROPERTIES');
      tbl = parseProperties(cursor, 'TBLPROPERTIES');
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
