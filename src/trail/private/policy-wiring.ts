import { Resource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { checkExternalResource, PolicyHolder } from '../../private/log-archive-check';
import { addStatementsOrWarn } from '../../private/resource-policies';
import { IResourceWithPolicyLike } from '../../private/sids';
import { WarningId } from '../../private/warnings';

/** A resource a trail needs statements in: its key, bucket or topic. */
export interface PolicyTarget {
  /** The resource, made here, owned by this app, or known only by a reference. */
  readonly resource: IResourceWithPolicyLike;
  /** Its ARN as the trail knows it. */
  readonly arn: string;
  /** The statements the trail needs, for a given ARN of the resource. */
  readonly statementsFor: (arn: string) => iam.PolicyStatement[];
  /** The warning id suffix (`keyPolicy`) and how messages name the resource. */
  readonly warningId: WarningId;
  readonly what: string;
  /** For a resource of this library (`TrailKey`, `TrailBucket`): its own way to allow the trail. */
  readonly allow?: () => void;
  /** For a resource known only by name or alias, which this app may define elsewhere (the log-archive side). */
  readonly lookup?: {
    readonly name: string;
    readonly find: (root: IConstruct, name: string) => PolicyHolder | undefined;
    readonly fix: string;
  };
}

/**
 * Gives a trail what it needs in a resource's policy, whoever made the resource: this library's construct allows
 * the trail itself; a resource this app owns gets the statements; one it does not own is checked when the app
 * defines it elsewhere, and otherwise a warning lists the statements to add.
 */
export function allowTrailIn(trail: IConstruct, target: PolicyTarget): void {
  if (target.allow !== undefined) {
    target.allow();
  } else if (target.lookup !== undefined && !Resource.isOwnedResource(target.resource)) {
    checkExternalResource(trail, {
      warningId: target.warningId,
      what: target.what,
      lookupName: target.lookup.name,
      find: target.lookup.find,
      statementsFor: target.statementsFor,
      knownArn: target.arn,
      fix: target.lookup.fix,
    });
  } else {
    addStatementsOrWarn(trail, target.resource, target.statementsFor(target.arn), {
      id: target.warningId,
      what: target.what,
    });
  }
}
