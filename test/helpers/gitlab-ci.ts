import { execFile } from 'child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { join } from 'path';

/** The pipelines a mesh repository's `.gitlab-ci.yml` is written for, as GitLab starts them. */
export const GITLAB_PIPELINES = {
  /** A merge request pipeline has no CI_COMMIT_BRANCH (GitLab sets the merge request's variables instead). */
  'merge request': [
    '--variable',
    'CI_PIPELINE_SOURCE=merge_request_event',
    '--variable',
    'CI_MERGE_REQUEST_IID=1',
    '--unset-variable',
    'CI_COMMIT_BRANCH',
  ],
  'push to the default branch': [],
  schedule: ['--variable', 'CI_PIPELINE_SOURCE=schedule'],
} as const;
export type GitlabPipeline = keyof typeof GITLAB_PIPELINES;

/** What GitLab would make of a `.gitlab-ci.yml` for one pipeline. */
export interface GitlabLint {
  /** 0 when the file is valid. */
  readonly code: number;
  /** Every job, those the pipeline's rules leave out too (`never`), with the jobs it needs. */
  readonly jobs: { readonly name: string; readonly when: string; readonly needs?: readonly string[] }[];
  readonly stderr: string;
}

const run = (cmd: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(cmd, args, { cwd, env }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    ),
  );

/**
 * Lints `text` as `.gitlab-ci.yml` with gitlab-ci-local, which checks it against GitLab's own CI JSON schema (the
 * one GitLab's pipeline editor uses, bundled) and resolves `extends`, anchors and `needs`, then lists the jobs of
 * `pipeline`. It needs a git repository with a commit and a GitLab remote; that repository is a new folder under
 * `parent`, and gitlab-ci-local writes its state (`.gitlab-ci-local/`) there, never into the working tree.
 */
export async function lintGitlabCi(parent: string, text: string, pipeline: GitlabPipeline): Promise<GitlabLint> {
  const repo = mkdtempSync(join(parent, 'gitlab-'));
  const git = async (...args: string[]) => {
    const r = await run('git', ['-c', 'user.name=meshgrant', '-c', 'user.email=meshgrant@example.com', ...args], repo);
    if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  };
  await git('init', '--quiet', '--initial-branch', 'main');
  await git('remote', 'add', 'origin', 'https://gitlab.example.com/group/mesh.git');
  await git('commit', '--quiet', '--allow-empty', '--no-gpg-sign', '--message', 'mesh');
  // origin/HEAD names the default branch (CI_DEFAULT_BRANCH); without it gitlab-ci-local warns and guesses.
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  await git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
  writeFileSync(join(repo, '.gitlab-ci.yml'), text);
  // Its own home, so that the developer's ~/.gitlab-ci-local/variables.yml plays no part.
  mkdirSync(join(repo, '.home'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GCL_')));
  const bin = require.resolve('gitlab-ci-local/dist/index.js');
  const args = ['--require', join(__dirname, 'set-methods.js'), bin, '--list-json', '--home', '.home', ...GITLAB_PIPELINES[pipeline]];
  const result = await run(process.execPath, args, repo, { ...env, GCL_IGNORE_PREDEFINED_VARS: 'CI_PIPELINE_SOURCE,CI_MERGE_REQUEST_IID' });
  const listed: { name: string; when: string; needs?: { job: string }[] }[] = result.code === 0 ? JSON.parse(result.stdout) : [];
  const jobs = listed.map((j) => ({ name: j.name, when: j.when, ...(j.needs && { needs: j.needs.map((n) => n.job) }) }));
  return { code: result.code, jobs, stderr: result.stderr };
}
