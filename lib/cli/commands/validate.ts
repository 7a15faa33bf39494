import { Command } from 'commander';
import { loadMesh } from '../../spec';
import { CliCommand } from '../cli-command';

/** `meshgrant validate [dir]`: loads and checks the mesh, synthesizes nothing. */
export const validateCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('validate')
      .description('check the mesh files: syntax, fields, names and references; every problem with file:line:column')
      .argument('[dir]', 'mesh directory (holds mesh.yaml)', '.'),

  run: ([dir]) => {
    const mesh = loadMesh(String(dir));
    const counts = { products: mesh.products.length, environments: mesh.environments.length, purposes: mesh.purposes.length };
    return {
      exitCode: 0,
      text: `mesh ${mesh.name} is valid: ${counts.products} products, ${counts.environments} environments, ${counts.purposes} purposes`,
      json: { mesh: { name: mesh.name, ...counts } },
    };
  },
};
