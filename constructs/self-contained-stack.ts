import type { IConstruct } from './cdktf';
import { DefaultTokenResolver, StringConcat, TerraformElement, TerraformStack, Tokenization } from './cdktf';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * A stack whose own elements refer to nothing outside it. Before writing any JSON, cdktf resolves
 * every element of every stack once (`prepareStack`) only so that references to other stacks can
 * register their outputs and remote state; it then resolves everything twice more to write the
 * JSON. Elements made before {@link seal} skip that first pass: a third of the token resolution,
 * with byte-identical output. Elements added later, by code that may refer to other stacks,
 * still get it.
 */
export abstract class SelfContainedStack extends TerraformStack {
  private sealed: ReadonlySet<IConstruct> = new Set();

  /** Declares every element made so far free of references to other stacks. */
  protected seal(): void {
    this.sealed = new Set(this.node.findAll());
  }

  override prepareStack(): void {
    this.ensureBackendExists();
    for (const e of this.node.findAll()) {
      if (this.sealed.has(e) || !TerraformElement.isTerraformElement(e) || TerraformStack.of(e) !== this) continue;
      Tokenization.resolve(e.toTerraform(), { scope: this, preparing: true, resolver: RESOLVER });
    }
  }
}
