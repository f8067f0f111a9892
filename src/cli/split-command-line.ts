import { UsageError } from './cli-error-line.js';

/**
 * A command line as its words, the way a POSIX shell splits it — blanks separate words, '…' keeps everything,
 * "…" and a backslash keep the next character — but with nothing else of a shell (no variables, globs or pipes):
 * the words are run without one. An unclosed quote → UsageError naming the option.
 */
export function splitCommandLine(text: string, option: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
    } else if (ch === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      word ??= '';
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (quote !== null) throw new UsageError(`${option}: unclosed ${quote} in ${JSON.stringify(text)}`);
  if (word !== null) words.push(word);
  if (words.length === 0) throw new UsageError(`${option}: give the program to run, e.g. "python train.py"`);
  return words;
}
