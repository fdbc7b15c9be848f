import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TrailBase } from './trail-base';
import { ITrail, TrailAttributes } from '../interfaces/itrail';
import { definedProps } from '../private/props';
import { checkProps } from '../validation/report';
import { ORGANIZATION_ID } from '../validation/rules/identifiers';
import {
  IMPORTED_TRAIL_ARN,
  IMPORTED_TRAIL_NAME,
  IMPORTED_TRAIL_ORGANIZATION,
} from '../validation/rules/imported-trail';

/** A trail outside this app, known by its ARN and what its attributes gave. */
class ImportedTrail extends TrailBase {
  public readonly trailArn: string;
  public readonly trailName: string;
  public readonly bucket?: s3.IBucket;
  public readonly s3KeyPrefix?: string;
  public readonly encryptionKey?: kms.IKey;
  public readonly logGroup?: logs.ILogGroup;
  public readonly isOrganizationTrail?: boolean;
  public readonly organizationId?: string;
  public readonly isMultiRegionTrail?: boolean;
  public readonly logFileValidationEnabled?: boolean;

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
    this.isOrganizationTrail = attrs.isOrganizationTrail ?? (attrs.organizationId !== undefined ? true : undefined);
    // An account trail has no organization: a contradicting id is reported (IMPORTED_TRAIL_ORGANIZATION) and not used.
    this.organizationId = this.isOrganizationTrail === false ? undefined : attrs.organizationId;
    this.isMultiRegionTrail = attrs.isMultiRegionTrail;
    this.logFileValidationEnabled = attrs.logFileValidationEnabled;
  }
}

/** A trail imported by ARN, with where it delivers; its account and Region are read from the ARN. */
export function importTrail(scope: Construct, id: string, attrs: TrailAttributes): ITrail {
  const trailArn = attrs.trailArn;
  // A literal ARN that is not one is reported at synth; the construct is still made, with the name its last part gives.
  const valid = IMPORTED_TRAIL_ARN.check({ trailArn }).length === 0;
  const trailName = valid
    ? Arn.split(trailArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!
    : (String(trailArn).split('/').pop() ?? '');
  const trail = new ImportedTrail(scope, id, attrs, trailName, valid ? trailArn : undefined);
  checkProps(trail, [IMPORTED_TRAIL_ARN], { trailArn });
  const { isOrganizationTrail, organizationId } = definedProps(attrs);
  checkProps(trail, [ORGANIZATION_ID], { organizationId });
  checkProps(trail, [IMPORTED_TRAIL_ORGANIZATION], { isOrganizationTrail, organizationId });
  return trail;
}

/** A trail of the scope's account and Region imported by name. */
export function importTrailByName(scope: Construct, id: string, trailName: string): ITrail {
  const trailArn = Stack.of(scope).formatArn({
    service: 'cloudtrail',
    resource: 'trail',
    resourceName: String(trailName),
  });
  const trail = new ImportedTrail(scope, id, { trailArn }, trailName);
  checkProps(trail, [IMPORTED_TRAIL_NAME], { trailName });
  return trail;
}
