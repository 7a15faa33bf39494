import { readFileSync, rmSync, writeFileSync } from 'fs';
import { GuideSession, GuideStep, guideSteps } from './guide-runner';

/**
 * Every persona guide in docs/guides runs as written: its `sh run` blocks, one after the other
 * in a fresh folder, print exactly what its `text output` blocks show, with the exit code they
 * state. A guide whose output drifts fails here. `MESHGRANT_UPDATE_GUIDES=1` rewrites the output
 * blocks from what the commands print (then read the diff before committing it).
 */
const GUIDES = ['platform-engineer', 'data-engineer', 'product-owner', 'auditor', 'ci'];

const update = process.env.MESHGRANT_UPDATE_GUIDES === '1' && process.env.CI === undefined;

describe('persona guides', () => {
  it.each(GUIDES)(
    'docs/guides/%s.md runs as written',
    async (guide) => {
      const file = `docs/guides/${guide}.md`;
      const markdown = readFileSync(file, 'utf8');
      const steps = guideSteps(markdown);
      expect(steps.length).toBeGreaterThan(0);
      const session = new GuideSession('examples');
      const printed: { step: GuideStep; output: string }[] = [];
      try {
        for (const step of steps) {
          const run = await session.run(step);
          printed.push({ step, output: run.output });
          if (update) continue;
          expect({ commands: step.commands, output: run.output }).toEqual({ commands: step.commands, output: step.expected });
          expect({ commands: step.commands, exitCode: run.exitCode }).toEqual({ commands: step.commands, exitCode: step.exitCode });
        }
      } finally {
        rmSync(session.root, { recursive: true, force: true });
      }
      if (update) {
        let text = markdown;
        for (const { step, output } of [...printed].reverse()) text = text.slice(0, step.outputStart) + output + text.slice(step.outputEnd);
        writeFileSync(file, text);
      }
    },
    300_000,
  );
});
