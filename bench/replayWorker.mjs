// The worker's entry: TypeScript is loaded through tsx, which a worker does not inherit from the bench's process.
import { register } from 'tsx/esm/api';

register();
await import('./replayWorker.ts');
