import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface LockedPackage {
  readonly version?: string;
  readonly engines?: { readonly node?: string } | readonly string[];
  readonly hasInstallScript?: boolean;
  readonly optional?: boolean;
}

interface PackageJson {
  readonly engines: { readonly node: string };
  readonly allowScripts?: Record<string, boolean>;
}

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockedPackage>;
};

function npm(args: readonly string[]): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync('npm', args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

const warnings = (output: string): string[] =>
  output.split('\n').filter((line) => /^npm (?:warn|WARN|error)/.test(line));

describe('npm set-up (issue 14 items 22, 23)', () => {
  it('npm commands print no warning: the project .npmrc holds only keys npm knows', () => {
    const config = npm(['config', 'get', 'fund']);
    expect(config.status).toBe(0);
    expect(warnings(config.stderr + config.stdout)).toEqual([]);
    const run = npm(['run', 'env']);
    expect(warnings(run.stderr)).toEqual([]);
  });

  it("onnxruntime-node's CUDA download is skipped through allowScripts, and every other install script is reviewed", () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([path, info]) => path !== '' && info.hasInstallScript === true && info.optional !== true)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(packageJson.allowScripts?.['onnxruntime-node']).toBe(false);
    expect(Object.keys(packageJson.allowScripts ?? {}).sort()).toEqual([...new Set(withScripts)].sort());
    const pending = npm(['install-scripts', 'ls']);
    expect(pending.stdout + pending.stderr).not.toMatch(/not yet covered/);
  });

  it('every locked package accepts the oldest Node the package claims and the Node running (no EBADENGINE)', () => {
    const oldest = semver.minVersion(packageJson.engines.node);
    expect(oldest).not.toBeNull();
    const refused: string[] = [];
    for (const [path, info] of Object.entries(lock.packages)) {
      const engines = info.engines;
      const range = engines !== undefined && !Array.isArray(engines) ? (engines as { node?: string }).node : undefined;
      if (path === '' || range === undefined || info.optional === true) continue;
      for (const version of [oldest?.version ?? '0.0.0', process.versions.node]) {
        if (!semver.satisfies(version, range))
          refused.push(`${path}@${info.version ?? '?'} wants node ${range}, not ${version}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
