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
 * byte-identical. Elements added later, by code that may refer to other stacks, are still
 * prepared and resolved by cdktf.
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
    // resolve tokens it no longer holds: a third of synthesis (docs/performance.md). So every
    // element hands cdktf nothing and its configuration is merged here instead, in cdktf's order
    // and as cdktf merges (elements in construct order, then the stack's own overrides); only
    // elements added after sealing, and the overrides, get cdktf's resolution. cdktf's own result
    // then holds the `//` metadata and nothing else of use.
    const elements = this.ownElements();
    const fragments: unknown[] = [];
    for (const e of elements) {
      const own = e.toTerraform.bind(e);
      const sealed = this.sealed.has(e);
      const value = () => {
        const fragment = resolveWithLiterals(own(), this);
        fragments.push(sealed ? fragment : this.resolve(fragment));
        return {};
      };
      Object.defineProperty(e, 'toTerraform', { configurable: true, value });
    }
    try {
      const { '//': metadata } = super.toTerraform() as Record<string, unknown>;
      const json: Record<string, unknown> = { '//': metadata };
      for (const fragment of fragments) mergeInto(json, fragment as Record<string, unknown>);
      // cdktf keeps the stack's overrides in a private field; `//` is in `metadata` already.
      const { '//': _, ...overrides } = (this as unknown as { rawOverrides: Record<string, unknown> }).rawOverrides;
      mergeInto(json, overrides, (leaf) => this.resolve(leaf));
      const stray = strayExpressions(json);
      if (stray.length > 0) {
        throw new Error(`stack ${this.node.id} would make Terraform evaluate ${stray.map((s) => `${s.sequence} at ${s.path}`).join(', ')}`);
      }
      return json;
    } finally {
      for (const e of elements) delete (e as { toTerraform?: unknown }).toTerraform;
    }
  }

  /** What cdktf makes of a configuration in this stack when it writes the JSON. */
  private resolve(config: unknown): unknown {
    return Tokenization.resolve(config, { scope: this, preparing: false, resolver: RESOLVER });
  }

  private ownElements(): TerraformElement[] {
    return this.node
      .findAll()
      .filter((e): e is TerraformElement => TerraformElement.isTerraformElement(e) && TerraformStack.of(e) === this);
  }
}

/**
 * Merges `source` into `target` as cdktf's `deepMerge` merges configurations and overrides:
 * objects key by key (into an array too, by index: an override's `block.0.attr`), arrays at the
 * same place concatenated, `undefined` deletes, anything else (a token included) replaces.
 * `resolve` turns each value taken from `source` into JSON, as cdktf's last resolve pass does.
 */
function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>, resolve = (leaf: unknown) => leaf): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (value === undefined) delete target[key];
    else if (Array.isArray(value)) {
      const resolved = resolve(value);
      target[key] = Array.isArray(existing) && Array.isArray(resolved) ? [...(existing as unknown[]), ...resolved] : resolved;
    } else if (value !== null && typeof value === 'object' && !Tokenization.isResolvable(value)) {
      if (existing === null || typeof existing !== 'object') target[key] = {};
      mergeInto(target[key] as Record<string, unknown>, value as Record<string, unknown>, resolve);
    } else target[key] = resolve(value);
  }
}
