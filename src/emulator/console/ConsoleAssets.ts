import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OssError } from '../../oss/OssError.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
}

/**
 * Where the console's static files are: `assets/` beside this module in
 * `src/` and `dist/`; in the bundle (`dist/bundle/`, where this code lands in
 * a shared chunk at the top or in an entry point's folder) the build copies
 * them to `dist/bundle/emulator/console/assets/`.
 */
function assetsDir(): string {
  const candidates = ['./assets/', './emulator/console/assets/', './console/assets/', '../emulator/console/assets/'];
  for (const candidate of candidates) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  throw OssError.io(`the console's files (index.html and the rest) are not beside ${fileURLToPath(import.meta.url)}: rebuild ossduck (npm run build)`);
}

/**
 * The console's static files (plain ES modules, CSS, HTML), read once into
 * memory: a fixed set of names, so no request path ever reaches the file
 * system.
 */
export class ConsoleAssets {
  readonly #files = new Map<string, Asset>();

  constructor(dir: string = assetsDir()) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const contentType = CONTENT_TYPES[extname(entry.name)];
      if (!entry.isFile() || contentType === undefined) continue;
      const body = readFileSync(join(dir, entry.name));
      this.#files.set(entry.name, { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
    }
  }

  get(name: string): Asset | undefined {
    return this.#files.get(name);
  }

  get names(): string[] {
    return [...this.#files.keys()];
  }
}
