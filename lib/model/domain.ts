import { NAME_PATTERNS } from './names';
import { SpecCheck } from './spec-check';

/** A business domain that owns data products (payments, customers, ...). */
export interface DomainSpec {
  /** Lower-case name; the first part of every product id in the domain. */
  readonly name: string;
  /** What the domain covers. */
  readonly description?: string;
  /** Person accountable for the domain. */
  readonly owner?: string;
}

/** Checks the domains; returns their names. */
export function checkDomains(check: SpecCheck, domains: readonly DomainSpec[]): ReadonlySet<string> {
  check.unique(domains, (d) => d.name, ['domains'], 'domain');
  const names = new Set<string>();
  domains.forEach((d, i) => {
    check.pattern(d.name, NAME_PATTERNS.domain, ['domains', i, 'name'], 'domain name', 'lower case letters, digits or -');
    names.add(d.name);
  });
  return names;
}
