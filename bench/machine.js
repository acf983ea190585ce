import { cpus, totalmem, platform, release } from 'node:os';

/** What the benchmark ran on, written beside every result (machines here are shared and noisy). */
export function machine() {
  const c = cpus();
  return { cpu: c[0]?.model ?? 'unknown', cores: c.length, memoryGiB: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, node: process.version };
}
