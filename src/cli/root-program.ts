import { createRequire } from 'node:module';
import { Command } from 'commander';

const packageJson = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The root `driftguard` command without subcommands: name, version, exit codes of usage errors. */
export function rootProgram(): Command {
  return new Command('driftguard')
    .description('Drift monitoring, alerting and closed-loop retraining for production ML models.')
    .version(packageJson.version)
    .showHelpAfterError()
    .exitOverride((error) => {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') process.exit(0);
      process.exit(2);
    });
}
