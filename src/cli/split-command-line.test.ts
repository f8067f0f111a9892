import { describe, expect, it } from 'vitest';
import { splitCommandLine } from './split-command-line.js';

describe('splitCommandLine', () => {
  it('splits on blanks and keeps quoted and escaped blanks, with no shell expansion', () => {
    expect(splitCommandLine('python  train.py --out "my dir" \'$HOME *\' a\\ b', '--x')).toEqual([
      'python',
      'train.py',
      '--out',
      'my dir',
      '$HOME *',
      'a b',
    ]);
    expect(splitCommandLine('run ""', '--x')).toEqual(['run', '']);
  });

  it('refuses an unclosed quote and an empty command, naming the option', () => {
    expect(() => splitCommandLine('python "train.py', '--trainer-command')).toThrow(
      '--trainer-command: unclosed " in "python \\"train.py"',
    );
    expect(() => splitCommandLine('   ', '--trainer-command')).toThrow('--trainer-command: give the program to run');
  });
});
