/**
 * One `meshgrant` command measured in its own process, as a user runs it:
 *
 *   node dist/bench/cli-once.js <meshgrant arguments...>
 *
 * Runs the CLI as bin/meshgrant.js does; when the process exits, writes one JSON line to stderr
 * (after whatever the command wrote there): `{ "seconds": <process start to exit>, "cpuSeconds":
 * <user + system>, "peakMemoryMb": ..., "exitCode": ... }`. The benchmark discards stdout.
 */
import { performance } from 'perf_hooks';
import { main } from '../cli/main';

/** What one command cost. */
export interface CliRun {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakMemoryMb: number;
  readonly exitCode: number;
}

if (require.main === module) {
  process.on('exit', (code) => {
    const { user, system } = process.cpuUsage();
    const run: CliRun = {
      seconds: performance.now() / 1000,
      cpuSeconds: (user + system) / 1e6,
      peakMemoryMb: process.resourceUsage().maxRSS / 1024,
      exitCode: code,
    };
    process.stderr.write(`\n${JSON.stringify(run)}\n`);
  });
  main();
}
