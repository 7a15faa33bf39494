import { Attribute } from '../abac/attributes';
import { GlobalPolicy, RowPolicy } from '../abac/global-policy';
import { TableFacts, landsOn } from '../abac/table-decision';
import { checkRowFilter } from './check-row-filter';
import type { Classification } from './classification';
import type { DataProduct, DataProductSpec } from './data-product';
import type { OutputPort } from './output-port';
import { ProblemCollector } from './problems';
import { RowFilter, parseRowFilter } from './row-filter';

/** What global policies see of one table: its product, domain, tags and the classes and levels of its columns. */
export function tableFacts(product: Pick<DataProduct, 'id' | 'domain'>, port: OutputPort): TableFacts {
  const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
  return {
    product: product.id,
    domain: product.domain,
    port: port.name,
    tags: port.tags,
    columnTags: sorted(port.columns.flatMap((c) => c.tags)),
    classes: sorted(port.columns.flatMap((c) => c.classes)),
    levels: sorted(port.columns.map((c) => c.level)),
  };
}

/**
 * The most segments one row policy may have on one table: the product of the numbers of declared
 * values of the attributes it uses. Each segment is one principal, one data cells filter and one
 * grant per path in every environment.
 */
export const MAX_SEGMENTS = 64;

/**
 * A segment's values travel in an IAM tag (`Segment`: `country=FR department=Finance`): values of
 * attributes a row policy uses hold no space nor `=`, so that the tag reads back unambiguously.
 */
const SEGMENT_VALUE = /^[^ =]+$/;

/** A row policy's filter parsed with `@<attribute>` placeholders: what the plan substitutes per segment. */
export function parsedRowPolicy(policy: RowPolicy, attributes: readonly Attribute[]): RowFilter {
  const parsed = parseRowFilter(policy.rows, {
    parameters: attributes.map((a) => a.name),
  });
  if (!parsed.ok) throw new Error(`row policy ${policy.name} not checked: ${parsed.error.message}`);
  return parsed.filter;
}

/** The attributes a row policy's filter uses, sorted by name. */
export function rowPolicyAttributes(filter: RowFilter, attributes: readonly Attribute[]): Attribute[] {
  const used = new Set<string>();
  const walk = (c: RowFilter['condition']): void => {
    switch (c.kind) {
      case 'and':
      case 'or':
        return c.operands.forEach(walk);
      case 'not':
        return walk(c.operand);
      case 'compare':
        if (c.value.kind === 'parameter') used.add(c.value.name);
        return;
      case 'in':
        return c.values.forEach((v) => v.kind === 'parameter' && used.add(v.name));
      case 'between':
        return [c.low, c.high].forEach((v) => v.kind === 'parameter' && used.add(v.name));
      case 'like':
        if (c.pattern.kind === 'parameter') used.add(c.pattern.name);
        return;
      case 'null':
        return;
    }
  };
  walk(filter.condition);
  return attributes.filter((a) => used.has(a.name));
}

/**
 * Checks each row policy against the tables it lands on: the filter parses with the declared
 * attributes as `@<attribute>`, every attribute it uses has declared values (each value is a
 * segment on AWS) that can name a segment, the segments stay within {@link MAX_SEGMENTS}, and on
 * every table it lands on its columns exist and are compared with constants of their type.
 */
export function checkRowPolicies(
  policies: readonly GlobalPolicy[],
  attributes: readonly Attribute[],
  products: readonly { readonly product: DataProduct; readonly spec: DataProductSpec }[],
  classification: Classification,
  problems: ProblemCollector,
): void {
  const names = attributes.map((a) => a.name);
  for (const policy of policies) {
    if (policy.kind !== 'row-policy') continue;
    const path = [...policy.specPath, 'rows'];
    const who = `policy ${policy.name}`;
    const parsed = parseRowFilter(policy.rows, { parameters: names });
    if (!parsed.ok) {
      problems.add(path, `${who}: row filter: ${parsed.error.message}`, undefined, parsed.error.offset);
      continue;
    }
    const used = rowPolicyAttributes(parsed.filter, attributes);
    if (used.length === 0)
      problems.add(
        path,
        `${who}: the row filter uses no attribute of the reader`,
        'write the filter in a grant or binding, or use `@<attribute>`',
      );
    let segments = 1;
    for (const a of used) {
      if (a.values === undefined || a.values.length === 0) {
        problems.add(
          path,
          `${who}: \`@${a.name}\` needs the declared values of attribute \`${a.name}\`: on AWS each value is one segment (a principal and a data cells filter)`,
          `declare \`values:\` for \`${a.name}\` in mesh.yaml`,
        );
        continue;
      }
      const bad = a.values.find((v) => !SEGMENT_VALUE.test(v));
      if (bad !== undefined)
        problems.add(
          path,
          `${who}: value \`${bad}\` of attribute \`${a.name}\` cannot name a segment`,
          'values used by row policies hold no space and no `=`',
        );
      segments *= a.values.length;
    }
    if (segments > MAX_SEGMENTS)
      problems.add(
        path,
        `${who}: ${segments} segments (one per combination of the values of ${used.map((a) => a.name).join(', ')}); at most ${MAX_SEGMENTS}`,
        'split the policy or use fewer values',
      );
    for (const { product, spec } of products) {
      for (const port of product.outputPorts) {
        if (!landsOn(policy.on, tableFacts(product, port))) continue;
        checkRowFilter(
          {
            rows: policy.rows,
            path,
            who: `${who} on ${product.id}/${port.name}`,
            ports: spec.outputPorts.filter((o) => o.name === port.name),
            parameters: names,
          },
          classification,
          problems,
        );
      }
    }
  }
}
