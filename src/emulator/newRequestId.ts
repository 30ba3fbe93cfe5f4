import { randomBytes } from 'node:crypto';

/** A fresh request id, 24 upper-case hex digits, as OSS and STS give their requests. */
export function newRequestId(): string {
  return randomBytes(12).toString('hex').toUpperCase();
}
