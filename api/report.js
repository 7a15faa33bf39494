// The public API report: one api-extractor report per package entry point (`meshgrant`,
// `meshgrant/constructs`, `meshgrant/stacks`), read from the declarations tsc emits into dist/dts.
//
//   node api/report.js           fails when a report differs from the checked-in one (npm test)
//   node api/report.js --update  rewrites the reports (npm run api)
//
// One compiler state serves the three entry points: a single TypeScript program instead of three.
const { CompilerState, Extractor, ExtractorConfig } = require('@microsoft/api-extractor');
const { readFileSync } = require('fs');
const { join } = require('path');

const ROOT = join(__dirname, '..');
const DTS = join(ROOT, 'dist', 'dts');
const ENTRY_POINTS = [
  { report: 'meshgrant.api.md', dts: 'lib/index.d.ts' },
  { report: 'meshgrant-constructs.api.md', dts: 'constructs/index.d.ts' },
  { report: 'meshgrant-stacks.api.md', dts: 'stacks/index.d.ts' },
];

function config(entry) {
  return ExtractorConfig.prepare({
    // The configuration is this object; errors name this file.
    configObjectFullPath: join(ROOT, 'api', 'report.js'),
    packageJsonFullPath: join(ROOT, 'package.json'),
    configObject: {
      projectFolder: ROOT,
      mainEntryPointFilePath: join(DTS, entry.dts),
      compiler: {
        overrideTsconfig: {
          compilerOptions: { target: 'ES2022', module: 'commonjs', lib: ['ES2022'], types: ['node'], skipLibCheck: true, strict: true },
          files: ENTRY_POINTS.map((e) => join(DTS, e.dts)),
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: entry.report,
        reportFolder: join(ROOT, 'api'),
        reportTempFolder: join(ROOT, 'dist', 'api-report'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        // No release tags: what an entry point exports is public, what it does not is not.
        extractorMessageReporting: {
          default: { logLevel: 'warning' },
          'ae-missing-release-tag': { logLevel: 'none' },
          // Member docs and links into internals are review matters, not API changes.
          'ae-undocumented': { logLevel: 'none' },
          'ae-unresolved-link': { logLevel: 'none' },
          // A type used by the API but not exported by the entry point is listed in the report, for review.
          'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
        },
        // Doc comments use aws-cdk's tags (`@default - ...`), which TSDoc does not know.
        tsdocMessageReporting: { default: { logLevel: 'none' } },
        compilerMessageReporting: { default: { logLevel: 'warning' } },
      },
    },
  });
}

const update = process.argv.includes('--update');
const configs = ENTRY_POINTS.map(config);
const compilerState = CompilerState.create(configs[0], { additionalEntryPoints: configs.map((c) => c.mainEntryPointFilePath) });
let failed = false;
configs.forEach((extractorConfig, i) => {
  const report = `api/${ENTRY_POINTS[i].report}`;
  const result = Extractor.invoke(extractorConfig, { localBuild: update, compilerState, showVerboseMessages: false });
  if (result.apiReportChanged && !update) {
    console.error(`${report}: the public API changed; run \`npm run api\`, review and commit the report`);
    failed = true;
  } else if (!result.succeeded) {
    console.error(`${report}: ${result.errorCount} errors, ${result.warningCount} warnings`);
    failed = true;
  }
});

// One name, one entry point: a name two entry points export is two ways to import one thing.
const exportedBy = new Map();
for (const { report } of ENTRY_POINTS) {
  const text = readFileSync(join(ROOT, 'api', report), 'utf8');
  for (const [, name] of text.matchAll(
    /^export (?:declare )?(?:abstract )?(?:class|interface|function|const|let|type|enum|namespace) (\w+)/gm,
  )) {
    const other = exportedBy.get(name);
    if (other !== undefined && other !== report) {
      console.error(`${name} is exported by two entry points (api/${other}, api/${report}): export it from one`);
      failed = true;
    }
    exportedBy.set(name, report);
  }
}
process.exitCode = failed ? 1 : 0;
