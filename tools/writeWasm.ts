// Writes src/oss/signing/hmacSha1Wasm.ts from tools/hmacSha1Wat.ts (`npm run wasm`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileHmacSha1, hmacSha1Module } from './compileHmacSha1.js';

const target = join(import.meta.dirname, '..', 'src', 'oss', 'signing', 'hmacSha1Wasm.ts');
writeFileSync(target, hmacSha1Module(await compileHmacSha1()));
console.log(`wrote ${target}`);
