#!/usr/bin/env node
import type { Command } from 'commander';

/**
 * `driftguard report` loads only what a file comparison needs (no store, tracking or serving adapters): its start-up
 * is part of every CI gate's wall time. Every other command goes through the full command tree.
 */
async function program(): Promise<Command> {
  if (process.argv[2] === 'report' && !process.argv.includes('--help') && !process.argv.includes('-h')) {
    const [{ rootProgram }, { createReportCommand }] = await Promise.all([
      import('./root-program.js'),
      import('./report-command.js'),
    ]);
    return rootProgram().addCommand(createReportCommand());
  }
  return (await import('./program.js')).buildProgram();
}

program()
  .then((command) => command.parseAsync(process.argv))
  .catch(async (error: unknown) => {
    const { fileSystemErrorLine } = await import('./cli-error-line.js');
    const line = fileSystemErrorLine(error) ?? (error instanceof Error ? error.message : String(error));
    process.stderr.write(`driftguard: ${line.replace(/\s*\n\s*/g, ' ')}\n`);
    // Exit now: a command that failed after opening something (a store pool, a worker) must not linger half-started.
    process.exit(2);
  });
