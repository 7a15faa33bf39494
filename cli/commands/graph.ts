import { Command } from 'commander';
import { writeFileSync } from 'fs';
import { meshGraph } from '../../lib/reports/mesh-graph';
import { CliContext } from '../cli-context';
import { MESH_DIR_HELP } from '../find-mesh';
import { CliCommand, CliError } from '../cli-command';

/** `meshgrant graph [dir] [--output file.mmd]`: the mesh as a Mermaid flowchart, from the spec. */
export const graphCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('graph')
      .description('draw the mesh (domains, products, ports, roles, purposes) as a Mermaid flowchart')
      .argument('[dir]', MESH_DIR_HELP)
      .option('--output <file>', 'write the Mermaid text to a file instead of stdout'),

  run: ([dir], options, feedback) => {
    const mesh = new CliContext(dir as string | undefined, undefined, feedback).mesh();
    const mermaid = meshGraph(mesh);
    if (options.output === undefined) return { exitCode: 0, text: mermaid.trimEnd(), json: { mermaid } };
    const file = String(options.output);
    try {
      writeFileSync(file, mermaid);
    } catch (e) {
      throw new CliError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return { exitCode: 0, summary: true, text: `Mermaid graph of mesh ${mesh.name} written to ${file}`, json: { file, mermaid } };
  },
};
