import type { Property } from './DialectStatement.js';
import type { TokenCursor } from './TokenCursor.js';

/** `('k'='v', ...)` after `clause` (SERDEPROPERTIES, TBLPROPERTIES); `nonEmpty` refuses `()`. */
export function parseProperties(cursor: TokenCursor, clause: string, nonEmpty = false): Property[] {
  cursor.expectSymbol('(', `after ${clause}`);
  const list: Property[] = [];
  if (!nonEmpty && cursor.acceptSymbol(')')) return list;
  do {
    const key = cursor.string(`a ${clause} key`).value;
    cursor.expectSymbol('=', `after the ${clause} key '${key}'`);
    const value = cursor.string(`the value of ${clause} key '${key}'`).value;
    list.push([key, value]);
  } while (cursor.acceptSymbol(','));
  cursor.expectSymbol(')', `to close ${clause}`);
  return list;
}

/** `('k', ...)`: the keys of UNSET TBLPROPERTIES, at least one. */
export function parsePropertyKeys(cursor: TokenCursor, clause: string): string[] {
  cursor.expectSymbol('(', `after ${clause}`);
  const keys: string[] = [];
  do keys.push(cursor.string(`a ${clause} key`).value);
  while (cursor.acceptSymbol(','));
  cursor.expectSymbol(')', `to close ${clause}`);
  return keys;
}
