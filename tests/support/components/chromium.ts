import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Debian's Chromium (never a downloaded browser): $CHROMIUM_PATH, else `chromium` / `chromium-browser` on the PATH. */
export function chromiumPath(): string | null {
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : (process.env.PATH ?? '/usr/bin')
        .split(delimiter)
        .flatMap((dir) => [join(dir, 'chromium'), join(dir, 'chromium-browser')])
        .concat('/usr/bin/chromium');
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // next candidate
    }
  }
  return null;
}

/** The "browser" component of describeWithComponent (mandatory under CI=true). */
export const browserComponent = {
  name: 'browser (Chromium)',
  available: async () =>
    chromiumPath() === null ? 'no chromium on the PATH (apt-get install -y chromium, or set CHROMIUM_PATH)' : null,
};

/** Flags for headless Chromium in containers and CI: no sandbox (root), no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
