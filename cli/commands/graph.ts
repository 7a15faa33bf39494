import { Command, InvalidArgumentError, Option } from 'commander';
import { writeFileSync } from 'fs';
import type { Mesh } from '../../lib/model/mesh';
import { suggest } from '../../lib/model/suggest';
import { GraphFilter, MERMAID_MAX_TEXT_SIZE, meshGraph } from '../../lib/reports/mesh-graph';
import { CliContext } from '../cli-context';
import { MESH_DIR_HELP } from '../find-mesh';
import { CliCommand, CliError } from '../cli-command';

/**
 * `meshgrant graph [dir] [--domain D] [--product P] [--purpose X] [--output file.mmd]`: the mesh
 * (or the part the filters select) as a Mermaid flowchart, from the spec; refused when Mermaid
 * would refuse to draw it, saying how to narrow it.
 */
export const graphCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('graph')
      .description('draw the mesh (domains, products, ports, roles, purposes) as a Mermaid flowchart')
      .argument('[dir]', MESH_DIR_HELP)
      .option('--domain <name>', 'only the products of this domain (with the products and purposes they connect to)')
      .option('--product <id>', 'only this product (with the products and purposes it connects to), e.g. payments.transactions')
      .option('--purpose <name>', 'only this purpose and the products bound to it')
      .addOption(
        new Option('--max-size <characters>', "refuse a diagram longer than this: Mermaid's maxTextSize, if yours is not the default")
          .default(MERMAID_MAX_TEXT_SIZE)
          .argParser(characters),
      )
      .option('--output <file>', 'write the Mermaid text to a file instead of stdout'),

  run: ([dir], options, feedback) => {
    const mesh = new CliContext(dir as string | undefined, undefined, feedback).mesh();
    const filter = graphFilter(mesh, options);
    const mermaid = meshGraph(mesh, filter);
    const maxSize = options.maxSize as number;
    if (mermaid.length > maxSize) throw new CliError(tooBig(mesh, filter, mermaid.length, maxSize));
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

/** The filters given, each naming something the mesh has. @throws CliError with did-you-mean */
function graphFilter(mesh: Mesh, options: Readonly<Record<string, unknown>>): GraphFilter {
  const known: Record<keyof GraphFilter, readonly string[]> = {
    domain: mesh.domains.map((d) => d.name),
    product: mesh.products.map((p) => p.id),
    purpose: mesh.purposes.map((p) => p.name),
  };
  const filter: Record<string, string> = {};
  for (const [key, names] of Object.entries(known)) {
    if (options[key] === undefined) continue;
    const value = String(options[key]);
    if (!names.includes(value)) throw new CliError(`--${key}: no ${key} \`${value}\` in mesh ${mesh.name} (${suggest(value, names)})`);
    filter[key] = value;
  }
  return filter;
}

/** Why the diagram is refused, and how to narrow it: the domains, by products, largest first. */
function tooBig(mesh: Mesh, filter: GraphFilter, size: number, maxSize: number): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const domains = mesh.domains
    .map((d) => ({ name: d.name, products: mesh.products.filter((p) => p.domain === d.name).length }))
    .sort((a, b) => b.products - a.products || (a.name < b.name ? -1 : 1));
  const shown = domains.slice(0, 5).map((d) => `${d.name} (${d.products} product${d.products === 1 ? '' : 's'})`);
  const more = domains.length > shown.length ? `, and ${domains.length - shown.length} more` : '';
  const narrowed = Object.keys(filter).length > 0 ? ' even so narrowed' : '';
  return (
    `the diagram of mesh ${mesh.name}${narrowed} is ${count(size)} characters, more than ${count(maxSize)} (Mermaid's maxTextSize), ` +
    `so Mermaid would refuse to draw it; narrow it with --domain, --product or --purpose (domains: ${shown.join(', ')}${more}), ` +
    `or give --max-size if your Mermaid allows more`
  );
}

/** Parses `--max-size`. */
function characters(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value)) throw new InvalidArgumentError('expected a number of characters, e.g. 50000');
  return Number(value);
}
