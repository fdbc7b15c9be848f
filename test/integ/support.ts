/**
 * Assertions shared by the integration tests (test/integ/integ.*.ts). Each helper adds `awsApiCall`s to the test's
 * DeployAssert stack; they run only when a maintainer with credentials deploys the test (`npm run integ:update`), never
 * in the offline snapshot check. test/integ/assertion-calls.test.ts checks every call they make against the AWS SDK's
 * own service models. See docs/integration-tests.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AwsApiCall, ExpectedResult, IApiCall, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Aws, Duration, IResolvable, IResolveContext, Stack, Tags, Tokenization } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';

/** The tag every test stack carries; `assertTags` looks for it on the trail. */
export const INTEG_TAG_KEY = 'cdk-cloudtrail-kit:integ-test';

/**
 * How long to wait for CloudTrail's deliveries. CloudTrail delivers log files "typically within 5 minutes" of an API
 * call (User Guide, "How CloudTrail works"; the SLA is 15 minutes), event history shows events within about 5 (up to
 * 15)
 * minutes, and digest files are delivered once an hour.
 */
export const DELIVERY_TIMEOUT = Duration.minutes(20);
/**
 * The first digest file covers the first hour of logging, so it may take up to about an hour. A CloudFormation custom
 * resource gives up after one hour, so this assertion can time out on an unlucky run: re-run, or check the
 * `CloudTrail-Digest/` folder by hand (docs/integration-tests.md).
 */
export const DIGEST_TIMEOUT = Duration.minutes(55);

const POLL = { interval: Duration.seconds(30), backoffRate: 1 };

/** Tags the stack (and so the trail) with the test's name. */
export function tagForTest(stack: Stack, testName: string): void {
  Tags.of(stack).add(INTEG_TAG_KEY, testName);
}

/** GetTrailStatus: logging, and a log file delivered. */
export function assertTrailIsLogging(integ: IntegTest, trailArn: string): IApiCall {
  // `LatestDeliveryTime` is a Date in the SDK v3 response, which the assertion handler cannot match (a flattened
  // response drops it, an unflattened one keeps a Date object); the string `LatestDeliveryAttemptSucceeded` holds the
  // time of the latest successful delivery instead. An absent `LatestDeliveryError` cannot be expressed either (the
  // matchers have no `absent`): a delivery error shows as a missing successful attempt and as no log file below.
  return integ.assertions
    .awsApiCall('CloudTrail', 'GetTrailStatus', { Name: trailArn })
    .expect(
      ExpectedResult.objectLike({
        IsLogging: true,
        LatestDeliveryAttemptSucceeded: Match.stringLikeRegexp('^\\d{4}-\\d{2}-\\d{2}T'),
      }),
    )
    .waitForAssertions({ totalTimeout: DELIVERY_TIMEOUT, ...POLL });
}

/** DescribeTrails: the settings CloudTrail reports are the template's. */
export function assertTrailSettings(
  integ: IntegTest,
  trailArn: string,
  cfnTrail: cloudtrail.CfnTrail,
  kmsKeyId: unknown,
): IApiCall {
  return integ.assertions
    .awsApiCall('CloudTrail', 'DescribeTrails', { trailNameList: [trailArn], includeShadowTrails: false })
    .expect(
      ExpectedResult.objectLike({
        trailList: [
          Match.objectLike({
            TrailARN: trailArn,
            KmsKeyId: kmsKeyId,
            LogFileValidationEnabled: cfnTrail.enableLogFileValidation ?? false,
            IsMultiRegionTrail: cfnTrail.isMultiRegionTrail ?? false,
            IsOrganizationTrail: cfnTrail.isOrganizationTrail ?? false,
            IncludeGlobalServiceEvents: cfnTrail.includeGlobalServiceEvents ?? true,
          }),
        ],
      }),
    );
}

/** GetEventSelectors (and, with Insights, GetInsightSelectors): the selection CloudTrail holds is the template's. */
export function assertSelection(integ: IntegTest, trailArn: string, cfnTrail: cloudtrail.CfnTrail): IApiCall[] {
  const advanced = pascalCase(produce(cfnTrail.advancedEventSelectors));
  const basic = pascalCase(produce(cfnTrail.eventSelectors));
  const calls: IApiCall[] = [];
  // The order of selectors and of their field selectors is the order CloudTrail was given; a reordering by the
  // service would show here as a mismatch to look at, not necessarily a defect.
  calls.push(
    integ.assertions
      .awsApiCall('CloudTrail', 'GetEventSelectors', { TrailName: trailArn })
      .expect(
        ExpectedResult.objectLike(
          Array.isArray(advanced) && advanced.length > 0
            ? { AdvancedEventSelectors: advanced }
            : { EventSelectors: basic },
        ),
      ),
  );
  const insights = pascalCase(produce(cfnTrail.insightSelectors));
  if (Array.isArray(insights) && insights.length > 0) {
    calls.push(
      integ.assertions
        .awsApiCall('CloudTrail', 'GetInsightSelectors', { TrailName: trailArn })
        .expect(ExpectedResult.objectLike({ InsightSelectors: insights })),
    );
  }
  const aggregation = pascalCase(produce(cfnTrail.aggregationConfigurations));
  if (Array.isArray(aggregation) && aggregation.length > 0) {
    calls.push(
      integ.assertions
        .awsApiCall('CloudTrail', 'GetEventConfiguration', { TrailName: trailArn })
        .expect(ExpectedResult.objectLike({ AggregationConfigurations: aggregation })),
    );
  }
  return calls;
}

/** ListTags: the stack's test tag reached the trail. */
export function assertTags(integ: IntegTest, trailArn: string, testName: string): IApiCall {
  return integ.assertions.awsApiCall('CloudTrail', 'ListTags', { ResourceIdList: [trailArn] }).expect(
    ExpectedResult.objectLike({
      ResourceTagList: [
        Match.objectLike({
          ResourceId: trailArn,
          TagsList: Match.arrayWith([{ Key: INTEG_TAG_KEY, Value: testName }]),
        }),
      ],
    }),
  );
}

/**
 * LookupEvents: event history shows a management event the test itself caused (the GetTrailStatus calls of
 * `assertTrailIsLogging`, made by the assertion function). Event history records management events whether or not a
 * trail exists; that the trail delivers them is what the log-file listing checks.
 */
export function assertEventHistory(integ: IntegTest, after: IApiCall): IApiCall {
  const lookup = integ.assertions
    .awsApiCall('CloudTrail', 'LookupEvents', {
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'GetTrailStatus' }],
      MaxResults: 1,
    })
    .assertAtPath('Events.0.EventName', ExpectedResult.stringLikeRegexp('^GetTrailStatus$'))
    .waitForAssertions({ totalTimeout: DELIVERY_TIMEOUT, ...POLL });
  after.next(lookup);
  return lookup;
}

// `ExpectedResult.exact` is not used: the 2.245.0-alpha.0 assertion handler decodes `$ObjectLike`, `$ArrayWith`,
// `$StringLike` and `$SerializedJson` but not `$Exact`, so an exact expectation would compare against the wrapper.

/** ListPublicKeys: a key to validate digest files with exists for the Region. */
export function assertPublicKey(integ: IntegTest): IApiCall {
  return integ.assertions
    .awsApiCall('CloudTrail', 'ListPublicKeys', {})
    .assertAtPath('PublicKeyList.0.Fingerprint', ExpectedResult.stringLikeRegexp('\\S'));
}

/** Where the trail writes: `[prefix/]AWSLogs/<account or o-id/account>/`. */
export interface LogLocation {
  readonly bucketName: string;
  readonly s3KeyPrefix?: string;
  /** The account folder: the account, or `<organization id>/<account>` for an organization trail. */
  readonly accountPath: string;
  readonly region: string;
}

/** The log-file folder of a location for the day of... any day: the listing starts at the Region's folder. */
export function logFolder(location: LogLocation, kind: 'CloudTrail' | 'CloudTrail-Digest'): string {
  const prefix = location.s3KeyPrefix ? `${location.s3KeyPrefix}/` : '';
  return `${prefix}AWSLogs/${location.accountPath}/${kind}/${location.region}/`;
}

/** ListObjectsV2: a log file and a digest file under the trail's folders. */
export function assertLogFiles(integ: IntegTest, location: LogLocation): IApiCall[] {
  const list = (kind: 'CloudTrail' | 'CloudTrail-Digest', suffix: string, timeout: Duration): IApiCall => {
    const call = integ.assertions
      .awsApiCall('S3', 'ListObjectsV2', { Bucket: location.bucketName, Prefix: logFolder(location, kind), MaxKeys: 1 })
      .assertAtPath('Contents.0.Key', ExpectedResult.stringLikeRegexp(`${suffix}$`))
      .waitForAssertions({ totalTimeout: timeout, ...POLL });
    // s3:ListObjectsV2 is no IAM action: the derived policy is wrong, so grant s3:ListBucket to both functions.
    const statement = {
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: [`arn:${Aws.PARTITION}:s3:::${location.bucketName}`],
    };
    const apiCall = call as AwsApiCall;
    apiCall.provider.addToRolePolicy(statement);
    apiCall.waiterProvider?.addToRolePolicy(statement);
    return call;
  };
  return [
    list('CloudTrail', '\\.json\\.gz', DELIVERY_TIMEOUT),
    list('CloudTrail-Digest', '\\.json\\.gz', DIGEST_TIMEOUT),
  ];
}

/** The value a `Lazy` property of the trail produces (the rendered selection, with its tokens unresolved). */
function produce(value: unknown): unknown {
  if (Tokenization.isResolvable(value)) return (value as IResolvable).resolve({} as IResolveContext);
  return value;
}

/** L1 property names that are not CloudFormation's (and the API's) name with a lower-case first letter. */
const RENAMED_L1_PROPERTIES: Record<string, string> = {
  // CfnTrail.AdvancedFieldSelectorProperty: CloudFormation's and the API's `Equals` is `equalTo` in aws-cdk-lib.
  equalTo: 'Equals',
};

/** CloudFormation L1 property names (`fieldSelectors`) as the API returns them (`FieldSelectors`). */
export function pascalCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascalCase);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [RENAMED_L1_PROPERTIES[k] ?? k.charAt(0).toUpperCase() + k.slice(1), pascalCase(v)]),
    );
  }
  return value;
}

/**
 * The cloud-assembly schema version the bundled toolkit of @aws-cdk/integ-runner 2.197.10 (the newest on npm) reads:
 * it refuses a manifest of a newer major version ("AssemblyVersionMismatch: Maximum schema version supported is 53.x.x,
 * but found 55.0.0"), which every aws-cdk-lib from 2.2xx writes, with no option to skip the check.
 */
export const RUNNER_SCHEMA_MAJOR = 53;

/**
 * Synthesizes the test app and, when aws-cdk-lib wrote a newer cloud-assembly schema than the runner reads, labels the
 * assembly's manifests (`manifest.json`, `integ.json`, `*.assets.json`) with the runner's major version; their content
 * is left as written. A compatibility shim for a runner that lags aws-cdk-lib; remove it once npm has an integ-runner
 * that reads the current schema. See docs/integration-tests.md, "The schema-version shim".
 */
export function synthForRunner(app: App): void {
  const assembly = app.synth();
  for (const file of fs.readdirSync(assembly.directory)) {
    if (file !== 'manifest.json' && file !== 'integ.json' && !file.endsWith('.assets.json')) continue;
    const manifestPath = path.join(assembly.directory, file);
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    const major = Number(String(manifest.version).split('.')[0]);
    if (major > RUNNER_SCHEMA_MAJOR) {
      manifest.version = `${RUNNER_SCHEMA_MAJOR}.0.0`;
      fs.writeFileSync(manifestPath, JSON.stringify(manifest, undefined, 2));
    }
  }
}
