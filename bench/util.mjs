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

/** Wall time (s), CPU time (user + system, s) and peak RSS (MB) of a command, measured by GNU time. */
export function measure(command, args, cwd, env = {}) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } });
  const line = result.stderr.trim().split('\n').at(-1);
  const [seconds, kb, user, system] = line.split(' ').map(Number);
  if (!Number.isFinite(seconds)) throw new Error(`${command} failed: ${result.stderr.slice(-500)}`);
  return { seconds, cpu: user + system, mb: kb / 1024, status: result.status };
}

/**
 * Runs each command `runs` times, alternating, and prints the results table under `title`; the
 * first command is the baseline of the ratios. Returns the median seconds of each command.
 */
export function compare(title, commands, runs) {
  const samples = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((c, j) => samples[j].push(c.run()));
  const medians = samples.map((runsOf) => median(runsOf.map((s) => s.seconds)));
  // CPU time (user + system) moves less than wall time on a shared machine; a multi-process run spends more of it.
  const cpus = samples.map((runsOf) => median(runsOf.map((s) => s.cpu)));
  console.log(`\n## ${title}, ${runs} runs each`);
  console.log(machine());
  console.log('| command | median wall s | min-max s | ratio to bare parse (wall) | median CPU s | ratio (CPU) | median peak RSS MB |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  commands.forEach((c, j) => {
    const secs = samples[j].map((s) => s.seconds);
    console.log(`| ${c.name} | ${medians[j].toFixed(2)} | ${Math.min(...secs).toFixed(2)}-${Math.max(...secs).toFixed(2)} | ${(medians[j] / medians[0]).toFixed(2)}x | ${cpus[j].toFixed(2)} | ${(cpus[j] / cpus[0]).toFixed(2)}x | ${median(samples[j].map((s) => s.mb)).toFixed(0)} |`);
  });
  return medians;
}
