// The CPython standard library of the machine, for the tests that prove a filter conservative over
// real code: undefined when python3 or its library is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function standardLibrary(): string | undefined {
  try {
    const dir = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
    return existsSync(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}
