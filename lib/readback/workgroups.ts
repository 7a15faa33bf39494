import { TerraformStack, block, resourcesOf, text } from './terraform-stack';

/** An Athena workgroup of a stack, as audit needs it: which purpose its queries serve. */
export interface StackWorkgroup {
  readonly name: string;
  /** `Purpose` tag: the purpose whose role alone may query in it (docs/aws-mapping.md). */
  readonly purpose?: string;
  /** `s3://...` where its results go, when the stack sets it. */
  readonly resultLocation?: string;
  /** Whether queries must keep the workgroup's settings (result location, encryption). */
  readonly enforced: boolean;
}

/** The Athena workgroups a stack declares, by name. */
export function readWorkgroups(stack: TerraformStack): Map<string, StackWorkgroup> {
  const out = new Map<string, StackWorkgroup>();
  for (const w of resourcesOf(stack, 'aws_athena_workgroup')) {
    const name = text(w.name);
    if (name === undefined) continue;
    const configuration = block(w.configuration);
    const purpose = text(block(w.tags)?.Purpose);
    const resultLocation = text(block(configuration?.result_configuration)?.output_location);
    out.set(name, {
      name,
      ...(purpose !== undefined ? { purpose } : {}),
      ...(resultLocation !== undefined ? { resultLocation } : {}),
      enforced: configuration?.enforce_workgroup_configuration === true,
    });
  }
  return out;
}
