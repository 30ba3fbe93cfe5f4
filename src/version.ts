import { readFileSync } from 'node:fs';

/** ossduck's version, from its package.json (one or two folders up: src/, dist/, dist/bundle/). */
export const VERSION: string = (() => {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ossduck' && pkg.version) return pkg.version;
    } catch {
      // not there: try one folder further up
    }
  }
  return 'unknown';
})();
