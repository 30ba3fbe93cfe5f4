// Bundles the CLI and its worker threads into dist/bundle/ for a fast start:
// one file to load instead of a hundred modules. Packages stay external.
import { build } from 'esbuild';
import { cpSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Chunk names carry content hashes: last build's chunks would stay beside this build's (and ship in the package).
rmSync(join(root, 'dist', 'bundle'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'src/cli/main.ts',
    // Workers keep their folder under the source root, where startWorker looks for them.
    'oss/bridge/ossWorker': 'src/oss/bridge/ossWorker.ts',
    'udf/signingWorker': 'src/udf/signingWorker.ts',
    'emulator/embeddedEmulatorWorker': 'src/emulator/embeddedEmulatorWorker.ts',
  },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

// The web console's static files (plain modules, CSS, HTML) are served as they
// are: beside the compiled console in dist/ and in the bundle.
const assets = join(root, 'src', 'emulator', 'console', 'assets');
for (const target of ['dist/emulator/console/assets', 'dist/bundle/emulator/console/assets']) {
  rmSync(join(root, target), { recursive: true, force: true });
  cpSync(assets, join(root, target), { recursive: true });
}
