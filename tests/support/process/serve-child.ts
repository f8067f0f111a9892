/**
 * Runs the real `driftguard serve` command in this process (argv after the script = the command's flags), so tests and
 * benchmarks can start the service as a child process whether or not `serve` is registered in the CLI program yet.
 */
import { createServeCommand } from '../../../src/cli/serve-command.js';

createServeCommand()
  .parseAsync(process.argv.slice(2), { from: 'user' })
  .catch((error: unknown) => {
    process.stderr.write(`driftguard: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
