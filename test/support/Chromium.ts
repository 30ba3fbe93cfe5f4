import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

/** Debian's Chromium, which .ci/run installs: nothing downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** A real headless Chromium with a fresh profile, driven by playwright-core. */
export class Chromium {
  readonly context: BrowserContext;
  readonly #profile: string;

  private constructor(context: BrowserContext, profile: string) {
    this.context = context;
    this.#profile = profile;
  }

  /**
   * `hostRules` maps names to addresses inside the browser only
   * (`MAP rebind.test 127.0.0.1`): a DNS answer a test controls.
   */
  static async launch(options: { hostRules?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<Chromium> {
    const profile = mkdtempSync(join(tmpdir(), 'ossduck-chromium-'));
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ];
    if (options.hostRules) args.push(`--host-resolver-rules=${options.hostRules}`);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args,
      viewport: { width: 1440, height: 900 },
      colorScheme: options.colorScheme ?? 'light',
      acceptDownloads: true,
    });
    return new Chromium(context, profile);
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.#profile, { recursive: true, force: true });
  }
}
