import { readFileSync, rmSync } from 'fs';
import { join } from 'path';
import { cli, STACK_LINE } from '../cli/run-cli';
import { hostileCaseNames, layOutCase, readHostileCase, runIsolated } from './corpus';

/**
 * Every hostile input of test/fixtures/hostile/ (format in ./corpus.ts): meshgrant ends with the
 * exit code the case states, says exactly what the case expects, never prints a stack trace,
 * never echoes what the case marks absent, and never hangs.
 */
const ISOLATED_SECONDS = 120;

describe('hostile inputs', () => {
  const names = hostileCaseNames();

  for (const name of names) {
    const c = readHostileCase(name);
    it(
      `${name}: ${c.description}`,
      async () => {
        const dir = layOutCase(name, c);
        try {
          const args = c.args.map((a) => a.split('{dir}').join(dir));
          let code: number | null;
          let output: string;
          if (c.isolate) {
            // A read that blocks never ends; the bound only has to outlast starting ts-node and the
            // CLI on a loaded 2-core CI machine (measured over 30 s there while helpers ran).
            const run = runIsolated(args, ISOLATED_SECONDS);
            expect(run.timedOut).toBe(false);
            ({ code, output } = run);
          } else {
            const run = await cli(...args);
            code = run.code;
            output = `${run.stdout}${run.stderr}`;
          }
          for (const text of c.expect) expect(output).toContain(text.split('{dir}').join(dir));
          for (const text of c.absent ?? []) expect(output).not.toContain(text);
          expect(output).not.toMatch(STACK_LINE);
          expect(code).toBe(c.exit);
          for (const [file, texts] of Object.entries(c.written ?? {})) {
            const written = readFileSync(join(dir, file), 'utf8');
            for (const text of texts) expect(written).toContain(text);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
      (ISOLATED_SECONDS + 30) * 1000,
    );
  }
});
