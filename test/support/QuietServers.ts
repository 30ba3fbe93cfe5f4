import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/**
 * `silent` accepts connections and never answers; `stalling` sends headers
 * and 10 of the 100 bytes it promises, then nothing. Each connection is
 * reported on stdout as `connection`.
 */
const SERVERS = `
const net = require('node:net'), http = require('node:http');
const silent = net.createServer((socket) => { console.log('connection'); socket.on('data', () => {}); });
const stalling = http.createServer((request, response) => { response.writeHead(200, { 'Content-Length': '100' }); response.write(Buffer.alloc(10, 1)); });
stalling.on('connection', () => console.log('connection'));
silent.listen(0, '127.0.0.1', () => stalling.listen(0, '127.0.0.1', () => console.log('ports ' + silent.address().port + ' ' + stalling.address().port)));
`;

/**
 * HTTP servers that keep a client waiting, in a process of their own: a
 * session's thread blocks while GET_DATA_FROM_OSS waits, so a server in the
 * test's own process could not even answer slowly.
 */
export class QuietServers {
  readonly #child: ChildProcess;
  readonly silent: string;
  readonly stalling: string;
  #out = '';

  private constructor(child: ChildProcess, silent: string, stalling: string) {
    this.#child = child;
    this.silent = silent;
    this.stalling = stalling;
  }

  static async start(): Promise<QuietServers> {
    const child = spawn(process.execPath, ['-e', SERVERS], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const ports = await new Promise<string[]>((resolve, reject) => {
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const m = /^ports (\d+) (\d+)$/m.exec(out);
        if (m) resolve([m[1]!, m[2]!]);
      });
      child.on('exit', () => reject(new Error('the servers ended')));
    });
    const servers = new QuietServers(child, `http://127.0.0.1:${ports[0]}`, `http://127.0.0.1:${ports[1]}`);
    child.stdout!.on('data', (chunk: string) => {
      servers.#out += chunk;
    });
    return servers;
  }

  /** Resolves once `count` connections have come in since start. */
  connections(count: number): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if ((this.#out.match(/^connection$/gm) ?? []).length >= count) {
          this.#child.stdout!.off('data', check);
          resolve();
        }
      };
      this.#child.stdout!.on('data', check);
      check();
    });
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.#child.on('exit', resolve));
    this.#child.kill();
    await exited;
  }
}
