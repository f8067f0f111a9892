/** The folder of public datasets (`--data`), required: the datasets are not part of the repository. */
export function requireDataDir(dir: string | undefined): string {
  if (dir === undefined || dir === '') {
    process.stderr.write(
      'error: --data <dir> is required: the folder holding the public datasets (docs/evaluation.md, "Public datasets")\n',
    );
    process.exit(2);
  }
  return dir;
}
