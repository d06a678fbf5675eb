import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A glibc locale compiled into a directory of the test's own (`localedef`, no root needed), and
 * the environment that makes a child process use it for collation. Null where the machine has
 * no `localedef` or no locale sources: the caller says so rather than passing silently.
 */
export interface TestLocale {
  env: NodeJS.ProcessEnv;
  remove(): void;
}

export function compileLocale(name = 'en_US', charset = 'UTF-8'): TestLocale | null {
  const dir = mkdtempSync(join(tmpdir(), 'optout-locale-'));
  const locale = `${name}.${charset}`;
  try {
    execFileSync('localedef', ['-i', name, '-f', charset, join(dir, locale)], { stdio: 'ignore', timeout: 60_000 });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return { env: { LOCPATH: dir, LC_ALL: locale }, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
