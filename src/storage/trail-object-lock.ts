import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** Days of a duration, fractions kept: a `TrailBucket` reports retentions S3 rejects, with its path. */
function retentionDays(duration: Duration): number {
  return duration.toDays({ integral: false });
}

/**
 * The Object Lock default retention of a trail bucket: governance or compliance mode, for a number of days
 * or years (S3 takes either).
 */
export class TrailObjectLock {
  /** Governance mode: users with `s3:BypassGovernanceRetention` can still delete log files early. */
  public static governance(duration: Duration): TrailObjectLock {
    return new TrailObjectLock(s3.ObjectLockMode.GOVERNANCE, retentionDays(duration));
  }

  /** Governance mode for whole years. */
  public static governanceYears(years: number): TrailObjectLock {
    return new TrailObjectLock(s3.ObjectLockMode.GOVERNANCE, undefined, years);
  }

  /** Compliance mode: nobody, the root user included, can delete log files or shorten the retention. */
  public static compliance(duration: Duration): TrailObjectLock {
    return new TrailObjectLock(s3.ObjectLockMode.COMPLIANCE, retentionDays(duration));
  }

  /** Compliance mode for whole years. */
  public static complianceYears(years: number): TrailObjectLock {
    return new TrailObjectLock(s3.ObjectLockMode.COMPLIANCE, undefined, years);
  }

  /** The retention mode. */
  public readonly mode: s3.ObjectLockMode;
  /** The retention in days, when given in days. */
  public readonly days?: number;
  /** The retention in years, when given in years. */
  public readonly years?: number;

  private constructor(mode: s3.ObjectLockMode, days?: number, years?: number) {
    this.mode = mode;
    this.days = days;
    this.years = years;
  }

  /**
   * The fewest days the retention lasts (a year counts as 365), for comparing it with lifecycle rules.
   */
  public get minimumDays(): number {
    return this.days ?? (this.years ?? 0) * 365;
  }
}
