import type { IConstruct } from './cdktf';
import { DefaultTokenResolver, StringConcat, TerraformElement, TerraformStack, Tokenization } from './cdktf';
import { resolveWithLiterals, strayExpressions } from './terraform-literals';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * A stack whose own elements refer to nothing outside it, and whose literal strings Terraform
 * reads verbatim.
 *
 * Before writing any JSON, cdktf resolves every element of every stack once (`prepareStack`) only
 * so that references to other stacks can register their outputs and remote state; it then
 * resolves everything twice more to write the JSON (each element, then the merged stack).
 * Elements made before {@link seal} skip all three: the first is not needed, and the last two
 * would walk a configuration {@link resolveWithLiterals} has already resolved. Output is
 * byte-identical. Elements added later, by code that may refer to other stacks, still get all
 * three.
 *
 * Every element's configuration is resolved by {@link resolveWithLiterals}: text is escaped for
 * Terraform's template syntax (`${` as `$${`, `%{` as `%%{`), references stay expressions. The
 * JSON is then checked to hold no other expression (a bug guard: it throws).
 */
export abstract class SelfContainedStack extends TerraformStack {
  private sealed: ReadonlySet<IConstruct> = new Set();

  /**
   * Declares every element made so far free of references to other stacks (the code that fills
   * several stacks at once seals each when it is done).
   */
  seal(): void {
    this.sealed = new Set(this.node.findAll());
  }

  override prepareStack(): void {
    this.ensureBackendExists();
    for (const e of this.ownElements()) {
      if (this.sealed.has(e)) continue;
      Tokenization.resolve(e.toTerraform(), { scope: this, preparing: true, resolver: RESOLVER });
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override toTerraform(): any {
    // cdktf resolves each element's `toTerraform()` inside `super.toTerraform()`, with no hook for
    // literal text; for the duration of the call each element hands over its configuration
    // already resolved with literals escaped (cdktf leaves strings without tokens as they are).
    // cdktf would then walk that configuration twice more, per element and once merged, to
    // resolve tokens it no longer holds: a third of synthesis (docs/performance.md). Sealed
    // elements' configurations are therefore kept out of cdktf's passes and merged afterwards,
    // before the rest, so that the stack's own overrides still win; elements added after sealing
    // go through cdktf as before.
    const elements = this.ownElements();
    const resolved: unknown[] = [];
    for (const e of elements) {
      const own = e.toTerraform.bind(e);
      const value = this.sealed.has(e)
        ? () => {
            resolved.push(resolveWithLiterals(own(), this));
            return {};
          }
        : () => resolveWithLiterals(own(), this);
      Object.defineProperty(e, 'toTerraform', { configurable: true, value });
    }
    try {
      const rest: unknown = super.toTerraform();
      const json: Record<string, unknown> = {};
      for (const fragment of [...resolved, rest]) mergeInto(json, fragment as Record<string, unknown>);
      const stray = strayExpressions(json);
      if (stray.length > 0) {
        throw new Error(`stack ${this.node.id} would make Terraform evaluate ${stray.map((s) => `${s.sequence} at ${s.path}`).join(', ')}`);
      }
      return json;
    } finally {
      for (const e of elements) delete (e as { toTerraform?: unknown }).toTerraform;
    }
  }

  private ownElements(): TerraformElement[] {
    return this.node
      .findAll()
      .filter((e): e is TerraformElement => TerraformElement.isTerraformElement(e) && TerraformStack.of(e) === this);
  }
}

/**
 * Merges resolved Terraform JSON into `target` as cdktf merges element configurations: objects
 * key by key, arrays at the same place concatenated, anything else replaced.
 */
function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (Array.isArray(value)) target[key] = Array.isArray(existing) ? [...(existing as unknown[]), ...value] : value;
    else if (value !== null && typeof value === 'object') {
      if (existing === null || typeof existing !== 'object' || Array.isArray(existing)) target[key] = {};
      mergeInto(target[key] as Record<string, unknown>, value as Record<string, unknown>);
    } else if (value === undefined) delete target[key];
    else target[key] = value;
  }
}
