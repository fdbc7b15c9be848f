import { IResource, Resource } from 'aws-cdk-lib';

/**
 * A CloudTrail trail, made by this library or imported.
 *
 * `env.account` is the account that owns the trail (the management account for an organization trail).
 */
export interface ITrail extends IResource {
  /**
   * The ARN of the trail, e.g. `arn:aws:cloudtrail:us-east-1:111122223333:trail/my-trail`.
   *
   * @attribute
   */
  readonly trailArn: string;

  /**
   * The name of the trail.
   *
   * @attribute
   */
  readonly trailName: string;
}

/**
 * What every trail of this library shares, whether it was made here or imported.
 */
export abstract class TrailBase extends Resource implements ITrail {
  public abstract readonly trailArn: string;
  public abstract readonly trailName: string;
}
