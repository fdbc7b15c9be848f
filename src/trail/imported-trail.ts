import { Arn, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TrailBase } from './trail-base';
import { ITrail, TrailAttributes } from '../interfaces/itrail';
import { childPath } from '../private/paths';
import { definedProps } from '../private/props';
import { ACCOUNT, PARTITION, REGION } from '../validation/arn';
import { trailNameProblems } from '../validation/rules/trail';

/** A trail outside this app, known by its ARN and what its attributes gave. */
class ImportedTrail extends TrailBase {
  public readonly trailArn: string;
  public readonly trailName: string;
  public readonly bucket?: s3.IBucket;
  public readonly s3KeyPrefix?: string;
  public readonly encryptionKey?: kms.IKey;
  public readonly logGroup?: logs.ILogGroup;

  constructor(scope: Construct, id: string, attrs: TrailAttributes, trailName: string, environmentFromArn?: string) {
    super(scope, id, { environmentFromArn });
    // A JavaScript caller's null (e.g. `bucket: null`) counts as unset, so grantReadLogs says what is missing.
    attrs = definedProps(attrs);
    this.trailArn = attrs.trailArn;
    this.trailName = trailName;
    this.bucket = attrs.bucket;
    this.s3KeyPrefix = attrs.s3KeyPrefix;
    this.encryptionKey = attrs.encryptionKey;
    this.logGroup = attrs.logGroup;
  }
}

/** A trail imported by ARN, with where it delivers; its account and Region are read from the ARN. */
export function importTrail(scope: Construct, id: string, attrs: TrailAttributes): ITrail {
  const trailName = trailNameOfArn(childPath(scope, id), attrs.trailArn);
  return new ImportedTrail(scope, id, attrs, trailName, attrs.trailArn);
}

/** A trail of the scope's account and Region imported by name. */
export function importTrailByName(scope: Construct, id: string, trailName: string): ITrail {
  checkTrailName(childPath(scope, id), trailName);
  const trailArn = Stack.of(scope).formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName });
  return new ImportedTrail(scope, id, { trailArn }, trailName);
}

const TRAIL_ARN_FORM = 'arn:<partition>:cloudtrail:<region>:<account>:trail/<name>';

/** The trail name of a trail ARN; a literal ARN is checked first, an ARN known only at deploy time is not. */
function trailNameOfArn(path: string, trailArn: string): string {
  if (Token.isUnresolved(trailArn)) {
    return Arn.split(trailArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
  }
  const [arn, partition, service, region, account, resource, ...rest] = String(trailArn).split(':');
  const name = resource?.startsWith('trail/') ? resource.slice('trail/'.length) : '';
  const problem = arn !== 'arn' || resource === undefined || rest.length > 0 ? 'does not have the six \':\'-separated parts of an ARN'
    : !PARTITION.test(partition) ? `has partition '${partition}', not one such as 'aws' or 'aws-cn'`
      : service !== 'cloudtrail' ? `is an ARN of service '${service}', not 'cloudtrail'`
        : !REGION.test(region) ? `has Region '${region}', not one such as 'us-east-1'`
          : !ACCOUNT.test(account) ? `has account '${account}', not a 12-digit account id`
            : !resource.startsWith('trail/') ? `has resource '${resource}', not 'trail/<name>'`
              : trailNameProblems(name).map((p) => `has trail name '${name}', which ${p}`).join('; ') || undefined;
  if (problem !== undefined) {
    throw new Error(`${path}: trailArn '${trailArn}' ${problem}. Expected ${TRAIL_ARN_FORM}, ` +
      'e.g. \'arn:aws:cloudtrail:us-east-1:111122223333:trail/my-trail\'.');
  }
  return name;
}

/** Fails on a literal name CloudTrail would reject, with every reason. */
function checkTrailName(path: string, name: string): void {
  if (Token.isUnresolved(name)) return;
  if (typeof name !== 'string') throw new Error(`${path}: trailName '${name}' is not a trail name. ${NAME_FORM}`);
  if (name.startsWith('arn:')) {
    throw new Error(`${path}: trailName '${name}' is an ARN, not a name. Import it with fromTrailArn instead.`);
  }
  const problems = trailNameProblems(name);
  if (problems.length > 0) {
    throw new Error(`${path}: trailName '${name}' is not a valid trail name: it ${problems.join('; it ')}. ${NAME_FORM}`);
  }
}

const NAME_FORM = 'A trail name is 3 to 128 ASCII letters, digits, \'.\', \'_\' and \'-\', starts and ends with a letter or digit, ' +
  'has no two of \'.\', \'_\', \'-\' in a row and is not an IP address.';
