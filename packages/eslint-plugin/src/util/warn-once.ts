// Configuration and import problems are printed once per process, to stderr, naming the file;
// the lint goes on. (A rule cannot report about files other than the one it lints.)
const printed = new Set<string>();

export function warnOnce(message: string): void {
  if (printed.has(message)) return;
  printed.add(message);
  process.stderr.write(`flyte-secrets: warning: ${message}\n`);
}
