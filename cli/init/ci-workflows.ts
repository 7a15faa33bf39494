import { MESH_DIR as MESH, MeshRepositoryOptions } from './init-options';
import type { NewFile } from './new-directory';

/** The CDK Terrain CLI that deploys a synthesized stack (Node >= 22.19, Terraform >= 1.10 on PATH). */
const DEPLOY_CLI = 'npx --yes cdktn-cli@0.24 deploy';

/** Paths whose change concerns access: the mesh, meshgrant's version, the workflows themselves. */
const WATCHED = `[ "${MESH}/**", "package.json", "package-lock.json", ".github/workflows/meshgrant-*.yml" ]`;

const HEADER = '# Written by `meshgrant init` (docs: node_modules/meshgrant/docs/ci/README.md).\n';

/** Consecutive pairs of the promotion chain: `promote-check --from a --to b` for each. */
const promotions = (o: MeshRepositoryOptions) => o.environments.slice(1).map((to, i) => ({ from: o.environments[i].name, to: to.name }));

/** The CI configuration files of a new mesh repository. */
export function ciFiles(o: MeshRepositoryOptions): NewFile[] {
  if (o.ci === 'github')
    return [
      { path: '.github/workflows/meshgrant-pull-request.yml', text: githubPullRequest(o) },
      { path: '.github/workflows/meshgrant-deploy.yml', text: githubDeploy(o) },
      { path: '.github/workflows/meshgrant-nightly.yml', text: githubNightly() },
    ];
  if (o.ci === 'gitlab') return [{ path: '.gitlab-ci.yml', text: gitlabPipeline(o) }];
  return [];
}

const GITHUB_SETUP = `      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 22, cache: npm }
      - run: npm ci
`;

function githubPullRequest(o: MeshRepositoryOptions): string {
  const checks = promotions(o)
    .map(
      (p) => `      - name: Check promotion from ${p.from} to ${p.to}
        run: npx meshgrant promote-check --from ${p.from} --to ${p.to} --out cdktf.out
`,
    )
    .join('');
  return `${HEADER}# Every pull request: validate, then show the access it changes; widening access needs an approval.
name: meshgrant pull request
on:
  pull_request:
    paths: ${WATCHED}
permissions:
  contents: read
concurrency:
  group: meshgrant-pr-\${{ github.event.pull_request.number }}
  cancel-in-progress: true
jobs:
  validate:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write   # SARIF upload to code scanning
      pull-requests: write     # the findings comment
    steps:
${GITHUB_SETUP}      - name: Validate the mesh
        run: npx meshgrant validate ${MESH} --sarif meshgrant.sarif --markdown validate.md
      - name: Upload the findings to code scanning
        if: \${{ !cancelled() }}
        uses: github/codeql-action/upload-sarif@v3
        with: { sarif_file: meshgrant.sarif, category: meshgrant }
      - name: Comment the findings
        if: \${{ !cancelled() }}
        uses: marocchino/sticky-pull-request-comment@v2
        with: { header: meshgrant-validate, path: validate.md }

  access-diff:
    needs: validate
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: write
    outputs:
      widens: \${{ steps.diff.outputs.widens }}
    steps:
${GITHUB_SETUP}      - name: Check out the base branch
        uses: actions/checkout@v4
        with: { ref: "\${{ github.base_ref }}", path: base }
      - name: Synthesize the pull request
        run: npx meshgrant synth ${MESH} --out cdktf.out
      - name: Synthesize the base branch
        run: npx meshgrant synth base/${MESH} --out base.out
${checks}      - name: Diff access (exit 3 when access widens)
        id: diff
        shell: bash
        run: |
          set +e
          npx meshgrant diff base.out cdktf.out --mesh ${MESH} --format md > access-diff.md
          code=$?
          set -e
          case "$code" in
            0) echo "widens=false" >> "$GITHUB_OUTPUT" ;;
            3) echo "widens=true" >> "$GITHUB_OUTPUT" ;;
            *) cat access-diff.md; exit "$code" ;;
          esac
      - name: Comment the access diff
        uses: marocchino/sticky-pull-request-comment@v2
        with: { header: meshgrant-access-diff, path: access-diff.md }

  approve-widening:
    # Runs only when access widens, and waits for a required reviewer of the environment.
    needs: access-diff
    if: needs.access-diff.outputs.widens == 'true'
    runs-on: ubuntu-latest
    environment: access-review
    steps:
      - run: echo "Access widens; a reviewer of the access-review environment approved it."
`;
}

function githubDeploy(o: MeshRepositoryOptions): string {
  const jobs = o.environments.map((e, i) => {
    const previous = o.environments[i - 1];
    const check = previous
      ? `      - name: Check promotion from ${previous.name}
        run: npx meshgrant promote-check --from ${previous.name} --to ${e.name} --out cdktf.out
`
      : '';
    return `  deploy-${e.name}:
${previous ? `    needs: deploy-${previous.name}\n` : ''}    runs-on: ubuntu-latest
    environment: ${e.name}${i === o.environments.length - 1 ? '   # protect it: Settings, Environments, required reviewers' : ''}
    permissions:
      contents: read
      id-token: write   # OIDC: no stored AWS keys
    steps:
${GITHUB_SETUP}      - uses: hashicorp/setup-terraform@v3
        with: { terraform_version: "1.11.4", terraform_wrapper: false }
      - name: Synthesize
        run: npx meshgrant synth ${MESH} --out cdktf.out
${check}      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::${e.account}:role/meshgrant-deploy
          aws-region: ${e.region}
      - name: Deploy ${o.name}-${e.name}
        run: ${DEPLOY_CLI} ${o.name}-${e.name} --skip-synth --auto-approve
`;
  });
  return `${HEADER}# The main branch: each environment in promotion order, the last one behind its protection rule.
name: meshgrant deploy
on:
  push:
    branches: [ main ]
    paths: ${WATCHED}
  workflow_dispatch:
permissions:
  contents: read
concurrency:
  group: meshgrant-deploy
  cancel-in-progress: false
jobs:
${jobs.join('\n')}`;
}

function githubNightly(): string {
  return `${HEADER}# Every night: synthesize again (access that expired drops out) and post the access about to expire.
name: meshgrant nightly
on:
  schedule:
    - cron: "17 3 * * *"
  workflow_dispatch:
permissions:
  contents: read
  issues: write
jobs:
  nightly:
    runs-on: ubuntu-latest
    steps:
${GITHUB_SETUP}      - name: Synthesize
        run: npx meshgrant synth ${MESH} --out cdktf.out
      - name: List access that expires soon
        run: npx meshgrant expiring ${MESH} --format md > expiring.md
      - name: Post it as an issue
        uses: peter-evans/create-issue-from-file@v5
        with: { title: "meshgrant: access expiring soon", content-filepath: expiring.md, labels: access-review }
`;
}

function gitlabPipeline(o: MeshRepositoryOptions): string {
  const checks = promotions(o)
    .map((p) => `    - npx meshgrant promote-check --from ${p.from} --to ${p.to} --out cdktf.out\n`)
    .join('');
  const deploys = o.environments.map((e, i) => {
    const previous = o.environments[i - 1];
    const last = i === o.environments.length - 1;
    return `deploy-${e.name}:
  extends: .deploy
${previous ? `  needs: [ deploy-${previous.name} ]\n` : ''}  environment: { name: ${e.name}${last ? ', deployment_tier: production' : ''} }${last ? '   # protect it: Settings, CI/CD, Protected environments' : ''}
  variables: { STACK: ${o.name}-${e.name}, AWS_ROLE_ARN: "arn:aws:iam::${e.account}:role/meshgrant-deploy", AWS_REGION: ${e.region}, PROMOTED_FROM: "${previous?.name ?? ''}", ENVIRONMENT: ${e.name} }
`;
  });
  return `${HEADER}# Merge requests: validate, show the access they change (widening needs the label access-approved),
# check promotion. Default branch: deploy in promotion order. Schedules: synthesize, list expiring access.
# A Markdown report becomes a merge request note when the variable MESHGRANT_NOTE_TOKEN holds a token with api scope.
workflow:
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
stages: [ validate, review, deploy, nightly ]
default:
  image: node:22
  cache: { key: { files: [ package-lock.json ] }, paths: [ .npm/ ] }
  before_script:
    - npm ci --cache .npm --prefer-offline

.note: &note
  - |
    if [ -n "$MESHGRANT_NOTE_TOKEN" ] && [ -n "$CI_MERGE_REQUEST_IID" ] && [ -f "$NOTE" ]; then
      curl --fail --silent --request POST --header "PRIVATE-TOKEN: $MESHGRANT_NOTE_TOKEN" --data-urlencode "body@$NOTE" \\
        "$CI_API_V4_URL/projects/$CI_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID/notes" > /dev/null
    fi

validate:
  stage: validate
  rules: [ { if: $CI_PIPELINE_SOURCE == "merge_request_event" } ]
  variables: { NOTE: validate.md }
  script:
    - npx meshgrant validate ${MESH} --sarif meshgrant.sarif --markdown validate.md
  after_script: *note
  artifacts: { when: always, paths: [ meshgrant.sarif, validate.md ], expose_as: meshgrant findings }

access-diff:
  stage: review
  rules: [ { if: $CI_PIPELINE_SOURCE == "merge_request_event" } ]
  variables: { NOTE: access-diff.md }
  script:
    - git fetch --depth 1 origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
    - git worktree add base FETCH_HEAD
    - npx meshgrant synth ${MESH} --out cdktf.out
    - npx meshgrant synth base/${MESH} --out base.out
${checks}    - |
      set +e
      npx meshgrant diff base.out cdktf.out --mesh ${MESH} --format md > access-diff.md
      code=$?
      set -e
      if [ "$code" -eq 3 ] && echo ",$CI_MERGE_REQUEST_LABELS," | grep -q ",access-approved,"; then code=0; fi
      if [ "$code" -eq 3 ]; then echo "access widens: a reviewer adds the label access-approved, then runs the pipeline again"; fi
      exit "$code"
  after_script: *note
  artifacts: { when: always, paths: [ access-diff.md ] }

.deploy:
  stage: deploy
  # Needs Terraform >= 1.10 on PATH besides Node 22: use an image that has both.
  rules: [ { if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE != "schedule" } ]
  id_tokens:
    AWS_OIDC_TOKEN: { aud: sts.amazonaws.com }
  script:
    - npx meshgrant synth ${MESH} --out cdktf.out
    - if [ -n "$PROMOTED_FROM" ]; then npx meshgrant promote-check --from "$PROMOTED_FROM" --to "$ENVIRONMENT" --out cdktf.out; fi
    - printf '%s' "$AWS_OIDC_TOKEN" > "$CI_PROJECT_DIR/.aws-web-identity-token"
    - export AWS_WEB_IDENTITY_TOKEN_FILE="$CI_PROJECT_DIR/.aws-web-identity-token"
    - ${DEPLOY_CLI} "$STACK" --skip-synth --auto-approve

${deploys.join('\n')}
nightly:
  stage: nightly
  rules: [ { if: $CI_PIPELINE_SOURCE == "schedule" } ]
  script:
    - npx meshgrant synth ${MESH} --out cdktf.out
    - npx meshgrant expiring ${MESH} --format md > expiring.md
  artifacts: { paths: [ expiring.md ] }
`;
}
