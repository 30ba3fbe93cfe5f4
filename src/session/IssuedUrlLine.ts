import { qualifiedName } from '../catalog/ObjectTable.js';
import type { ObjectTableDefinition } from '../catalog/ObjectTable.js';
import { encodePathBytes } from '../oss/signing/percentEncode.js';
import type { Presigner } from '../oss/signing/Presigner.js';
import type { UrlIssue } from '../udf/FunctionContext.js';
import { ISSUED_URL_FIELDS } from './issuedUrlFields.js';

/** The statement a URL was issued in, as its audit-log line names it. */
export interface IssuingStatement {
  /** The session's random id. */
  readonly session: string;
  readonly number: number;
  /** SHA-256 of the statement's text, hex. */
  readonly hash: string;
}

/** What JSON writes for a byte of a string: itself (undefined), or an escape, as JSON.stringify writes it. */
const ESCAPES: (Buffer | undefined)[] = new Array(256).fill(undefined);
for (let b = 0; b < 0x20; b++) ESCAPES[b] = Buffer.from(JSON.stringify(String.fromCharCode(b)).slice(1, -1), 'latin1');
ESCAPES[0x22] = Buffer.from('\\"', 'latin1');
ESCAPES[0x5c] = Buffer.from('\\\\', 'latin1');

/** The longest escape of one byte (`\u001f`). */
const MAX_ESCAPE = 6;

/** Placeholders the fixed parts are cut around (a NUL cannot be in any fixed value). */
const KEY_MARK = '\u0000key';
const URL_MARK = '\u0000url';

function escaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** `text` cut in two around the JSON form of `mark`, which it holds once. */
function cut(text: string, mark: string): [string, string] {
  const at = text.indexOf(escaped(mark));
  return [text.slice(0, at), text.slice(at + escaped(mark).length)];
}

/**
 * The audit-log line of every URL one presigner makes for one table in one
 * statement, prepared once: everything but the object name is fixed, so a
 * URL's line is the fixed head, the object name JSON-escaped, the fixed
 * middle, the object name percent-encoded (the URL's path, exactly as the
 * presigner writes it), and the fixed tail. The URL is the presigner's
 * without its signature and security token (`Presigner.unsignedUrlParts`);
 * neither, nor any secret, is ever in a line.
 */
export class IssuedUrlLine implements UrlIssue {
  readonly functionName: string;
  /** Its number in the statement's table of issues, or -1 when it is not in it (its lines are staged whole). */
  readonly index: number;
  readonly #head: Buffer;
  readonly #middle: Buffer;
  readonly #tail: Buffer;

  constructor(functionName: string, table: ObjectTableDefinition, presigner: Presigner, statement: IssuingStatement, index = -1) {
    this.functionName = functionName;
    this.index = index;
    const spec = presigner.spec;
    const values: Readonly<Record<string, unknown>> = {
      signedAt: iso(spec.signTime * 1000),
      session: statement.session,
      statement: statement.number,
      statementHash: statement.hash,
      function: functionName,
      table: qualifiedName(table),
      endpoint: table.location.endpoint,
      bucket: spec.bucket,
      key: KEY_MARK,
      method: spec.method.toUpperCase(),
      expiresAt: iso((spec.signTime + spec.expiresIn) * 1000),
      signatureVersion: spec.version,
      accessKeyId: spec.credentials.accessKeyId,
      sts: spec.credentials.securityToken !== undefined,
      roleArn: table.roleArn ?? null,
      url: URL_MARK,
    };
    const text = JSON.stringify(Object.fromEntries(ISSUED_URL_FIELDS.map((f) => [f.name, values[f.name]])));
    const [head, rest] = cut(text, KEY_MARK);
    const [middle, tail] = cut(rest, URL_MARK);
    const unsigned = presigner.unsignedUrlParts();
    this.#head = Buffer.from(head, 'utf8');
    this.#middle = Buffer.from(middle + escaped(unsigned.prefix), 'utf8');
    this.#tail = Buffer.from(`${escaped(unsigned.query)}${tail}\n`, 'utf8');
  }

  /** At most how many bytes the line of an object name of `nameBytes` UTF-8 bytes takes. */
  maxBytes(nameBytes: number): number {
    return this.#head.length + this.#middle.length + this.#tail.length + (MAX_ESCAPE + 3) * nameBytes;
  }

  /**
   * Writes the line of the URL for the object name held as UTF-8 in
   * `source[start, end)` into `target` from `at` (room: `maxBytes`); returns
   * where it ends. The same bytes as JSON.stringify of the record and a newline.
   */
  write(source: Uint8Array, start: number, end: number, target: Buffer, at: number): number {
    target.set(this.#head, at);
    let o = at + this.#head.length;
    for (let i = start; i < end; i++) {
      const b = source[i]!;
      const escape = ESCAPES[b];
      if (escape === undefined) {
        target[o++] = b;
      } else {
        target.set(escape, o);
        o += escape.length;
      }
    }
    target.set(this.#middle, o);
    o = encodePathBytes(source, start, end, target, o + this.#middle.length);
    target.set(this.#tail, o);
    return o + this.#tail.length;
  }
}
