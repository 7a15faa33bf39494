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
 * resolves everything twice more to write the JSON. Elements made before {@link seal} skip that
 * first pass: a third of the token resolution, with byte-identical output. Elements added later,
 * by code that may refer to other stacks, still get it.
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
    const elements = this.ownElements();
    for (const e of elements) {
      const own = e.toTerraform.bind(e);
      Object.defineProperty(e, 'toTerraform', { configurable: true, value: () => resolveWithLiterals(own(), this) });
    }
    try {
      const json = super.toTerraform();
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
