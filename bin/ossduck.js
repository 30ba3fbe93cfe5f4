#!/usr/bin/env node
// Runs ossduck's command from dist/bundle/. In a checkout (where tsconfig.json
// is; an installed package has none) it runs the TypeScript sources through
// tsx instead while dist/ is older than any source file, so a checkout works
// right after `npm ci` and keeps working while its sources change.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|js|css|html|svg)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(join(root, 'dist', '.built')).mtimeMs;
  } catch {
    return -1;
  }
}

function fail(message) {
  process.stderr.write(`ossduck: ${message}\n`);
  process.exit(1);
}

let entry = join(root, 'dist', 'bundle', 'cli.js');
const checkout = existsSync(join(root, 'tsconfig.json'));
if (checkout && builtAt() < newestSource(join(root, 'src'))) {
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    fail(`dist/ in ${root} is missing or older than src/, and tsx (a development dependency) is not installed: run npm ci, or npm run build`);
  }
  tsx.register();
  entry = join(root, 'src', 'cli', 'main.ts');
} else if (!existsSync(entry)) {
  fail(`${entry} is missing: this installation of ossduck is incomplete (a package made by npm pack ships dist/); reinstall it`);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
