// Marks dist/ as built now (bin/ossduck.js compares this with the sources).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, 'dist', '.built'), `${new Date().toISOString()}\n`);
