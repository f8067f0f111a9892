const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** Words for the errno code of a failed read or write of a file an option names (no dependencies: report loads it). */
export function fileErrorReason(error: unknown, writing = false): string {
  const code = (error as { code?: string }).code;
  if (writing && code === 'ENOENT') return 'its directory does not exist';
  return code === undefined ? String(error) : (REASONS[code] ?? code);
}
