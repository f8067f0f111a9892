import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelDirectoryError } from '../../ports/model-directory.js';
import { createFileModelDirectory } from './file-model-directory.js';

const root = mkdtempSync(join(tmpdir(), 'dg-model-dir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('createFileModelDirectory', () => {
  const directory = createFileModelDirectory();

  it('creates nested directories and writes text and bytes', async () => {
    const dir = join(root, 'a', 'b');
    const paths = await directory.writeFiles(dir, { 'model.json': '{"x":1}', 'model.onnx': new Uint8Array([1, 2, 3]) });
    expect(paths).toEqual([join(dir, 'model.json'), join(dir, 'model.onnx')]);
    expect(readFileSync(join(dir, 'model.onnx'))).toEqual(Buffer.from([1, 2, 3]));
    expect(await directory.readText(dir, 'model.json')).toBe('{"x":1}');
  });

  it('names the path and the reason when reading or writing fails', async () => {
    await expect(directory.readText(join(root, 'nope'), 'model.json')).rejects.toThrow(
      `${join(root, 'nope', 'model.json')}: cannot read: does not exist`,
    );
    const file = join(root, 'file');
    writeFileSync(file, 'x');
    await expect(directory.writeFiles(join(file, 'sub'), { 'a.json': '1' })).rejects.toBeInstanceOf(
      ModelDirectoryError,
    );
    await expect(directory.writeFiles(root, { '../escape.json': '1' })).rejects.toThrow(
      'artifact names must be plain file names',
    );
  });
});
