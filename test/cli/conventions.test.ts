import { cli } from './run-cli';

describe('CLI conventions', () => {
  it('--help lists the exit codes', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(
      '\nExit codes:\n  0  ok\n  1  findings: problems in the mesh, error-level policy findings, a failed promotion check\n  2  usage or load error: bad option, no mesh, unreadable or unwritable file\n  3  diff: access widens (CI can require an approval)\n',
    );
  });

  it('one --format vocabulary: a format a command does not offer is a usage error naming those it does', async () => {
    expect(await cli('promote-check', '--from', 'dev', '--to', 'prod', '--format', 'csv')).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: option '--format <format>' argument 'csv' is invalid. expected one of text, md\n(run meshgrant --help for usage)\n",
    });
    const access = await cli('access', '--format', 'xml');
    expect(access.code).toBe(2);
    expect(access.stderr).toContain("argument 'xml' is invalid. expected one of text, csv, json, md");
  });
});
