import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { Crc64Ecma } from './Crc64Ecma.js';

/** MD5, CRC-64 (and SHA-256 when asked) of the bytes flowing through. */
export class Digester extends Transform {
  readonly md5: Hash = createHash('md5');
  readonly crc = new Crc64Ecma();
  readonly sha256: Hash | undefined;

  constructor(withSha256: boolean) {
    super();
    this.sha256 = withSha256 ? createHash('sha256') : undefined;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.md5.update(chunk);
    this.crc.update(chunk);
    this.sha256?.update(chunk);
    callback(null, chunk);
  }
}
