import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';
import type { Stoppable } from './stop-after-all';

/** Debian's Chromium: `npm test` and CI install it first (scripts/ensure-chromium.sh). */
const CHROMIUM = '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * The headless browsers of one suite, each on a fresh profile directory and kept off the
 * internet (a page that asks for web fonts gets nothing): a browser suite has no business
 * outside 127.0.0.1. `stop()` closes them and removes their profiles.
 */
export class HeadlessChromium implements Stoppable {
  private readonly profiles: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  /** Fails, saying how to fix it, when Chromium is not installed: a browser suite is never skipped. */
  static assertInstalled(): void {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (apt-get install -y chromium) before this suite`);
  }

  /** A new browser; logged in with HTTP basic auth when given `httpCredentials`. */
  async open(options: { viewport?: { width: number; height: number }; httpCredentials?: { username: string; password: string } } = {}): Promise<BrowserContext> {
    const profile = mkdtempSync(join(tmpdir(), 'optout-chromium-'));
    this.profiles.push(profile);
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, ...options });
    this.contexts.push(context);
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    return context;
  }

  async stop(): Promise<void> {
    for (const context of this.contexts.splice(0)) await context.close().catch(() => undefined);
    for (const profile of this.profiles.splice(0)) rmSync(profile, { recursive: true, force: true });
  }
}
