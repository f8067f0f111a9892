import { expect } from 'vitest';

/** A writable that keeps what the command printed. */
export function captureOutput(): { write(text: string): boolean; text(): string } {
  let buffer = '';
  return { write: (text: string) => ((buffer += text), true), text: () => buffer };
}

/** The result of one in-process command run. */
export interface CommandRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a `runX(options, io)` command function with captured output. */
export async function runCaptured<O>(
  run: (
    options: O,
    io: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } },
  ) => Promise<number>,
  options: O,
): Promise<CommandRun> {
  const stdout = captureOutput();
  const stderr = captureOutput();
  const code = await run(options, { stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Exit 2, nothing on stdout, exactly one line on stderr matching `pattern`. */
export function expectOneLineError(result: CommandRun, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.split('\n')).toHaveLength(2);
  expect(result.stderr).toMatch(pattern);
}
