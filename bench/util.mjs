// Small helpers shared by the benchmark scripts.
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function which(bin) {
  try {
    return execFileSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** One line describing the machine, for the results table. */
export function machine() {
  const cpus = os.cpus();
  return `Machine: ${cpus.length} x ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

/** Wall time (s) and peak RSS (MB) of a command, measured by GNU time. */
export function measure(command, args, cwd) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const line = result.stderr.trim().split('\n').at(-1);
  const [seconds, kb] = line.split(' ').map(Number);
  if (!Number.isFinite(seconds)) throw new Error(`${command} failed: ${result.stderr.slice(-500)}`);
  return { seconds, mb: kb / 1024, status: result.status };
}
