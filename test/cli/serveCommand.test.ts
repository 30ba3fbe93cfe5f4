import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServeOptions } from '../../src/cli/serveCommand.js';
import { UsageError } from '../../src/cli/UsageError.js';

describe('readServeOptions', () => {
  it('serves the console at /-/console/ on --port unless told otherwise', () => {
    expect(readServeOptions(['--port', '9000'])).toEqual({
      port: 9000,
      latencyMs: 0,
      root: resolve('ossduck-oss'),
      rootText: 'ossduck-oss',
      verbose: false,
      console: { port: undefined, history: 1000 },
      accessLog: undefined,
    });
    expect(readServeOptions(['--console-port', '9001', '--console-history', '50', '--access-log', 'req.log'])).toMatchObject({
      console: { port: 9001, history: 50 },
      accessLog: resolve('req.log'),
    });
    expect(readServeOptions(['--no-console'])).toMatchObject({ console: undefined });
    expect(readServeOptions(['--port', '0', '--console-port', '0'])).toMatchObject({ port: 0, console: { port: 0 } });
    expect(readServeOptions(['--help'])).toBe('help');
  });

  const bad: [string[], string][] = [
    [['--console-port', 'web'], "ossduck serve: --console-port 'web' is not a port: use 0 to 65535"],
    [['--console-port', '70000'], "ossduck serve: --console-port '70000' is not a port: use 0 to 65535"],
    [['--port', '9000', '--console-port', '9000'], 'ossduck serve: --console-port 9000 is --port too: give the console another port, or leave --console-port out to serve it at /-/console/ on --port'],
    [['--no-console', '--console-port', '9001'], 'ossduck serve: --no-console cannot go with --console-port'],
    [['--no-console', '--console-history', '10'], 'ossduck serve: --no-console cannot go with --console-history'],
    [['--console-history', '0'], "ossduck serve: --console-history '0' is not a number of requests: use 1 to 100000"],
    [['--console-history', 'many'], "ossduck serve: --console-history 'many' is not a number of requests: use 1 to 100000"],
    [['--console-history', '100001'], "ossduck serve: --console-history '100001' is not a number of requests: use 1 to 100000"],
    [['--access-log', ''], 'ossduck serve: --access-log needs a file path'],
    [['--access-log'], 'ossduck serve: --access-log needs a value (PATH)'],
    [['--no-console=yes'], 'ossduck serve: --no-console takes no value'],
  ];
  for (const [argv, message] of bad) {
    it(`refuses ${argv.join(' ')}`, () => {
      expect(() => readServeOptions(argv)).toThrow(UsageError);
      expect(() => readServeOptions(argv)).toThrow(message);
    });
  }
});
