import type { Command } from 'commander';
import { createBacktestCommand } from './backtest-command.js';
import { createDemoCommand } from './demo-command.js';
import { createEstimateCommand } from './estimate-command.js';
import { createModelsCommand } from './models-command.js';
import { createPredictCommand } from './predict-command.js';
import { createReportCommand } from './report-command.js';
import { createRetrainCommand, createRollbackCommand } from './retraining-commands.js';
import { rootProgram } from './root-program.js';
import { createServeCommand } from './serve-command.js';
import { createTrainCommand } from './train-command.js';

/** The `driftguard` command tree; each subcommand lives in its own file and is added here. */
export function buildProgram(): Command {
  const program = rootProgram();
  program.addCommand(createReportCommand());
  program.addCommand(createServeCommand());
  program.addCommand(createModelsCommand());
  program.addCommand(createTrainCommand());
  program.addCommand(createPredictCommand());
  program.addCommand(createRetrainCommand());
  program.addCommand(createRollbackCommand());
  program.addCommand(createBacktestCommand());
  program.addCommand(createEstimateCommand());
  program.addCommand(createDemoCommand());
  return program;
}
