// Bundles the CLI and its worker threads into dist/bundle/ for a fast start:
// one file to load instead of a hundred modules. Packages stay external.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'src/cli/main.ts',
    // Workers are started as siblings of the module that starts them (startWorker).
    ossWorker: 'src/oss/bridge/ossWorker.ts',
    signingWorker: 'src/udf/signingWorker.ts',
    embeddedEmulatorWorker: 'src/oss/emulator/embeddedEmulatorWorker.ts',
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
