/** File contents: text (UTF-8) or bytes. */
export type ModelFileContent = string | Uint8Array;

/**
 * Where a trained model's artifacts live: one directory with `model.json`, `model.onnx`, `schema.json`,
 * `reference-profile.json`, `metrics.json`. Paths are plain directory paths; file names are flat (no `/`).
 */
export interface ModelDirectory {
  /** Creates `dir` if absent and writes every file (replacing files of the same name); returns the file paths. */
  writeFiles(dir: string, files: Readonly<Record<string, ModelFileContent>>): Promise<string[]>;
  /** Reads one file as UTF-8 text; a missing directory or file → ModelDirectoryError naming the path. */
  readText(dir: string, name: string): Promise<string>;
}

/** An artifact could not be read or written: `path` names it, `reason` says why. */
export class ModelDirectoryError extends Error {
  override readonly name = 'ModelDirectoryError';

  constructor(
    readonly path: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${reason}`, options);
  }
}
