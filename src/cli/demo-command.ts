import { Command } from 'commander';
import { cliErrorLine, fileSystemErrorLine, UsageError } from './cli-error-line.js';
import { BASE_ROWS_PER_SECOND, DEFAULT_DEMO_SCENARIO, type DemoScenario } from './demo/demo-scenario.js';
import { runDemo } from './demo/run-demo.js';
import { checkDirectoryOption } from './path-options.js';
import { parseSeed } from './train-command.js';

/** Default data directory of the demo (emptied on each fresh start). */
export const DEFAULT_DEMO_DATA_DIR = './.driftguard-demo';

interface DemoFlags {
  readonly host: string;
  readonly port: string;
  readonly dataDir: string;
  readonly speed: string;
  readonly resume?: boolean;
  readonly exit?: boolean;
  readonly trackingUri?: string;
  readonly trainingRows: string;
  readonly stationaryRows: string;
  readonly gradualRows: string;
  readonly abruptRows: string;
  readonly seed: string;
}

function positive(flag: string, text: string, integer = true): number {
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${flag}: "${text}" is not a positive ${integer ? 'integer' : 'number'}`);
  }
  return value;
}

/** Validates the flags into a scenario (one readable UsageError per bad value). */
export function scenarioFromFlags(flags: DemoFlags): DemoScenario {
  const scenario = {
    ...DEFAULT_DEMO_SCENARIO,
    speed: positive('--speed', flags.speed, false),
    trainingRows: positive('--training-rows', flags.trainingRows),
    stationaryRows: positive('--stationary-rows', flags.stationaryRows),
    gradualRows: positive('--gradual-rows', flags.gradualRows),
    abruptRows: positive('--abrupt-rows', flags.abruptRows),
    seed: parseSeed(flags.seed),
  };
  if (scenario.trainingRows < 200) throw new UsageError(`--training-rows: at least 200 (got ${scenario.trainingRows})`);
  if (scenario.stationaryRows < 500)
    throw new UsageError(`--stationary-rows: at least one window of 500 (got ${scenario.stationaryRows})`);
  if (scenario.abruptRows < 300)
    throw new UsageError(`--abrupt-rows: at least 300, the retraining horizon (got ${scenario.abruptRows})`);
  return scenario;
}

/** `driftguard demo`: the whole loop on generated loan applications, one line per stage. */
export function createDemoCommand(): Command {
  const d = DEFAULT_DEMO_SCENARIO;
  return new Command('demo')
    .description(
      'Run the service with the dashboard and drive a credit-default model through drift, delayed labels, retraining and promotion (one line per stage). Ctrl-C stops it.',
    )
    .option('--host <address>', 'listen address', '127.0.0.1')
    .option('--port <number>', 'listen port (0 = any free port)', '8080')
    .option(
      '--data-dir <dir>',
      'data directory; emptied on each fresh start (only if the demo created it)',
      DEFAULT_DEMO_DATA_DIR,
    )
    .option('--resume', 'keep the data directory and serve what a previous run left (no replay)')
    .option(
      '--speed <factor>',
      `traffic speed: ${BASE_ROWS_PER_SECOND} applications per second × factor`,
      String(d.speed),
    )
    .option('--training-rows <n>', 'applications the initial model is trained on', String(d.trainingRows))
    .option('--stationary-rows <n>', 'stationary traffic before the drift', String(d.stationaryRows))
    .option('--gradual-rows <n>', 'traffic over which salary and loan shift gradually', String(d.gradualRows))
    .option(
      '--abrupt-rows <n>',
      'traffic after the abrupt shift before the delayed labels arrive (also the retraining horizon)',
      String(d.abruptRows),
    )
    .option('--seed <n>', 'seed of the generated applications', String(d.seed))
    .option(
      '--tracking-uri <uri>',
      'MLflow server or file:<dir> (default MLFLOW_TRACKING_URI, else local tracking in the data dir)',
    )
    .option('--exit', 'stop the service when the scenario is done (default: keep serving until Ctrl-C)')
    .addHelpText(
      'after',
      '\nStages: stationary → drift: medium (gradual shift) → drift: high (abrupt shift, new labelling function) → retraining deferred (labels\n' +
        'delayed) → labels arrived → retraining: training / evaluating / tracking → retraining: promoted version N → alerts resolved.\n' +
        'Running it again starts fresh; --resume keeps the data directory and serves it. Loan applications: Agrawal et al. (1993).',
    )
    .exitOverride((error) => process.exit(error.code === 'commander.helpDisplayed' ? 0 : 2))
    .action(async (flags: DemoFlags) => {
      let scenario: DemoScenario;
      let port: number;
      try {
        scenario = scenarioFromFlags(flags);
        checkDirectoryOption('--data-dir', flags.dataDir);
        port = Number(flags.port);
        if (!/^\d{1,5}$/.test(flags.port) || port > 65535)
          throw new UsageError(`--port: "${flags.port}" is not a port (0–65535)`);
      } catch (error) {
        process.stderr.write(`driftguard demo: ${cliErrorLine(error)}\n`);
        process.exitCode = 2;
        return;
      }
      const controller = new AbortController();
      let interrupts = 0;
      const onSignal = (signal: string) => {
        interrupts++;
        if (interrupts > 1) process.exit(130);
        process.stdout.write(`\n${signal}: stopping the demo and the service\n`);
        controller.abort();
        setTimeout(() => process.exit(130), 10_000).unref();
      };
      process.on('SIGINT', () => onSignal('SIGINT'));
      process.on('SIGTERM', () => onSignal('SIGTERM'));
      try {
        const result = await runDemo({
          host: flags.host,
          port,
          dataDir: flags.dataDir,
          resume: flags.resume === true,
          scenario,
          trackingUri: flags.trackingUri,
          exitWhenDone: flags.exit === true,
          out: process.stdout,
          signal: controller.signal,
        });
        process.exitCode = result.completed || controller.signal.aborted ? 0 : 1;
      } catch (error) {
        process.stderr.write(
          `driftguard demo: ${(fileSystemErrorLine(error) ?? (error instanceof Error ? error.message : String(error))).replace(/\s*\n\s*/g, ' ')}\n`,
        );
        process.exitCode = 2;
      }
      // Timers of closed adapters and open dashboard streams must not keep the process alive.
      setTimeout(() => process.exit(), 2000).unref();
    });
}
