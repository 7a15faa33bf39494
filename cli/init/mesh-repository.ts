import { ciFiles } from './ci-workflows';
import { InitEnvironment, MESH_DIR, MeshRepositoryOptions } from './init-options';
import { NewFile } from './new-directory';

/** The schema that editors validate a mesh file against, from the installed meshgrant. */
const modeline = (depth: number) =>
  `# yaml-language-server: $schema=${'../'.repeat(depth)}node_modules/meshgrant/schema/meshgrant.schema.json\n`;

/**
 * Every file of a new mesh repository: the mesh (one domain, one product, one purpose, the
 * environments), package.json, cdktf.json, a README, .gitignore and the CI configuration.
 * The mesh passes every rule of the built-in packs as written.
 */
export function meshRepository(o: MeshRepositoryOptions): NewFile[] {
  return [
    { path: '.gitignore', text: 'node_modules/\ncdktf.out/\n*.sarif\n*.md.out\n' },
    { path: 'README.md', text: readme(o) },
    { path: 'package.json', text: packageJson(o) },
    { path: 'cdktf.json', text: cdktfJson(o) },
    { path: `${MESH_DIR}/mesh.yaml`, text: meshYaml(o) },
    { path: `${MESH_DIR}/environments.yaml`, text: environmentsYaml(o) },
    { path: `${MESH_DIR}/purposes.yaml`, text: purposesYaml() },
    { path: `${MESH_DIR}/products/sales.orders.yaml`, text: productYaml(o) },
    ...ciFiles(o),
  ].sort((a, b) => (a.path < b.path ? -1 : 1));
}

function meshYaml(o: MeshRepositoryOptions): string {
  const starter = o.starter
    ? `policy:
  # Readiness rules (owner, description, classified columns, retention, purpose bindings) report
  # warnings instead of errors while the mesh is new. Remove this once every product is ready.
  profile: starter
`
    : '';
  return `${modeline(1)}apiVersion: meshgrant/v1
kind: Mesh
# The mesh: its name (stacks are ${o.name}-<environment>), how columns are classified, its domains
# and its governance policy. Check it with \`npx meshgrant validate ${MESH_DIR}\` (docs: node_modules/meshgrant/docs/spec.md).
name: ${o.name}
classification:
  levels: [ public, internal, confidential, restricted ]   # least sensitive first
  defaultLevel: internal   # a column without any class
  classes:
    reference: { level: public, entities: [ country_code, currency_code, calendar_date ], description: Reference data anyone may see }
    financial: { level: confidential, entities: [ monetary_amount ], description: Amounts }
    pii: { level: confidential, entities: [ email, full_name, phone_number, postal_address ], description: Personal data }
domains:
  - { name: sales, description: Orders and customers, owner: sales.lead }
${starter}`;
}

/** Placeholder ARNs name the group; the comment says what to put there. */
const groupRole = (e: InitEnvironment, group: string) => `arn:aws:iam::${e.account}:role/${group}`;

function environmentsYaml(o: MeshRepositoryOptions): string {
  const envs = o.environments.map((e, i) => {
    const next = o.environments[i + 1];
    return `  - name: ${e.name}
    account: "${e.account}"   # in quotes: an account id is text
    region: ${e.region}${next ? `\n    promotesTo: ${next.name}   # a product reaches ${next.name} only after ${e.name}` : ''}
    backend: { bucket: ${o.name}-terraform-state-${e.name}, keyPrefix: meshgrant }   # create this bucket first
    dataBucket: ${o.name}-lake-${e.name}
    deployRoleArn: arn:aws:iam::${e.account}:role/meshgrant-deploy   # the role CI assumes to deploy
    identity:
      # Directory groups and users -> the IAM role their people use in this account (for IAM
      # Identity Center, the AWSReservedSSO_<permission set>_<id> role). Replace these placeholders.
      groups:
        sales-analysts: ${groupRole(e, 'sales-analysts')}
        sales-data-eng: ${groupRole(e, 'sales-data-eng')}
        finance-controllers: ${groupRole(e, 'finance-controllers')}
      users:
        sales.lead: arn:aws:iam::${e.account}:role/people/sales.lead
`;
  });
  return `${modeline(1)}apiVersion: meshgrant/v1
kind: Environments
# Where the mesh is deployed, in promotion order. Products list the environments they are
# promoted to; directory groups and users get their AWS principal here, per environment.
environments:
${envs.join('')}`;
}

function purposesYaml(): string {
  return `${modeline(1)}apiVersion: meshgrant/v1
kind: Purposes
# Why data is used. The approver admits members; products bind their ports to a purpose, and
# members read only the classes allowed here. Each member records its approval (who, when, why,
# optionally until when: docs/lifecycle.md); security/purpose-member-approval checks it.
purposes:
  - name: revenue-reporting
    description: Monthly revenue reporting
    approver: finance.director
    members:
      groups:
        - { name: finance-controllers, approvedBy: finance.director, approvedOn: 2026-01-05, reason: Monthly close }
    allowedClasses: [ financial, reference ]
`;
}

function productYaml(o: MeshRepositoryOptions): string {
  return `${modeline(2)}apiVersion: meshgrant/v1
kind: DataProduct
# One data product: its output port with classified columns, who holds its three roles, what
# they are granted, and the purposes it serves. Copy this file for the next product.
id: sales.orders
info:
  title: Orders
  description: One row per order, as placed
  owner: sales.lead
  domain: sales
promotedTo: [ ${o.environments.map((e) => e.name).join(', ')} ]
outputPorts:
  - name: orders
    description: Every order
    columns:
      - { name: order_id, type: string, unclassified: Opaque order id }
      - { name: customer_email, type: string, tags: [ email ] }
      - { name: amount, type: "decimal(12,2)", tags: [ monetary_amount ] }
      - { name: currency, type: string, tags: [ currency_code ] }
      - { name: country, type: string, tags: [ country_code ] }
      - { name: ordered_on, type: date, tags: [ calendar_date ] }
roles:
  analyst:
    members: { groups: [ sales-analysts ] }
  engineer:
    members: { groups: [ sales-data-eng ] }
  owner:
    members: { users: [ sales.lead ] }
grants:
  - { role: analyst, port: orders, level: read }    # only columns within the analyst's clearance
  - { role: engineer, port: orders, level: write }
  - { role: owner, port: orders, level: admin }
purposes:
  - { purpose: revenue-reporting, ports: [ orders ] }
policies: { retention: P7Y }
`;
}

function packageJson(o: MeshRepositoryOptions): string {
  const peer = (name: string) => o.meshgrant.peerDependencies[name];
  const manifest = {
    name: `${o.name}-mesh`,
    private: true,
    description: `Data access of the ${o.name} mesh, as code`,
    scripts: {
      validate: `meshgrant validate ${MESH_DIR}`,
      synth: `meshgrant synth ${MESH_DIR}`,
    },
    dependencies: {
      '@cdktn/provider-aws': peer('@cdktn/provider-aws'),
      cdktn: peer('cdktn'),
      constructs: peer('constructs'),
      meshgrant: `^${o.meshgrant.version}`,
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function cdktfJson(o: MeshRepositoryOptions): string {
  const config = {
    language: 'typescript',
    app: `npx --no -- meshgrant synth ${MESH_DIR}`,
    output: 'cdktf.out',
    projectId: `${o.name}-mesh`,
    sendCrashReports: 'false',
    terraformProviders: [],
    terraformModules: [],
    context: {},
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

function readme(o: MeshRepositoryOptions): string {
  const envs = o.environments;
  const prod = envs[envs.length - 1];
  const ci =
    o.ci === 'github'
      ? `## CI (GitHub Actions, \`.github/workflows/\`)

- \`meshgrant-pull-request.yml\`: validates (SARIF to code scanning, findings as a comment), synthesizes the base
  branch and the pull request and comments \`meshgrant diff --format md\`; when access widens (exit 3) the job
  \`approve-widening\` waits for a reviewer of the GitHub environment \`access-review\`; checks promotion.
- \`meshgrant-deploy.yml\`: on the main branch, deploys ${envs.map((e) => `\`${o.name}-${e.name}\``).join(', then ')} with OIDC credentials
  (the \`deployRoleArn\` of each environment), after \`promote-check\` before each promotion.
- \`meshgrant-nightly.yml\`: re-synthesizes every night and posts access that expires soon.

Set up once: an IAM OIDC identity provider for GitHub in each account, and a deploy role that trusts it for this
repository; GitHub environments ${envs.map((e) => `\`${e.name}\``).join(', ')} and \`access-review\`, with required reviewers
on \`${prod.name}\` and \`access-review\` (Settings, Environments).
`
      : o.ci === 'gitlab'
        ? `## CI (GitLab, \`.gitlab-ci.yml\`)

Merge requests: validate (SARIF and a Markdown report as artifacts), synthesize the target branch and the merge
request, \`meshgrant diff\` (exit 3 when access widens: the job fails until someone with access approves and reruns
it with \`MESHGRANT_ACCESS_APPROVED=true\`), \`promote-check\`. The default branch deploys each environment with OIDC
(\`id_tokens\`), \`${prod.name}\` as a protected environment. A scheduled pipeline re-synthesizes and lists expiring access.
`
        : '';
  return `# ${o.name} mesh

Who may access which data of the ${o.name} data mesh, declared in code and reviewed in pull requests
([meshgrant](https://www.npmjs.com/package/meshgrant)).

| path | what |
| --- | --- |
| \`${MESH_DIR}/mesh.yaml\` | mesh name, classification of columns, domains, governance policy |
| \`${MESH_DIR}/environments.yaml\` | ${envs.map((e) => `${e.name} (${e.account}, ${e.region})`).join(', ')}: state, deploy role, directory groups and users -> IAM principals |
| \`${MESH_DIR}/purposes.yaml\` | purposes, their approvers and members |
| \`${MESH_DIR}/products/<domain>.<product>.yaml\` | one data product each: ports, columns, roles, grants |

Your editor completes and checks these files once \`npm install\` has run (the \`yaml-language-server\`
line at the top of each file points at meshgrant's JSON Schema).

## Start

\`\`\`sh
npm install                          # then commit package-lock.json
npx meshgrant validate ${MESH_DIR}           # every problem with file:line:column
npx meshgrant synth ${MESH_DIR}              # Terraform JSON in cdktf.out/stacks/<stack>/
npx meshgrant access --format md     # who can access what, read back from cdktf.out
\`\`\`

Before the first deployment: replace the placeholder accounts and principals in
\`${MESH_DIR}/environments.yaml\`, create each environment's state bucket, and create its deploy role
(\`deployRoleArn\`), which becomes a Lake Formation administrator.
${o.starter ? '\n`policy.profile: starter` in mesh.yaml reports the readiness rules as warnings while the mesh is new: remove it once every product is ready.\n' : ''}
${ci}`;
}
