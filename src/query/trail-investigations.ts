import * as athena from 'aws-cdk-lib/aws-athena';
import { Construct } from 'constructs';
import { checkRequired, placementOf } from './private/checks';
import { descriptionOf, investigations, QueryTarget, sqlOf } from './private/investigations';
import { TrailQueryWorkGroup } from './trail-query-work-group';
import { checkProps, checkTemplate } from '../validation/report';
import { ATHENA_RESOURCE_RULES_BY_TYPE, QUERY_SAME_ENVIRONMENT } from '../validation/rules/athena';
import { GLUE_DATABASE_NAME } from '../validation/rules/glue';

/**
 * Properties of `TrailInvestigations`.
 */
export interface TrailInvestigationsProps {
  /** The workgroup the queries are saved in. They query its table. */
  readonly workGroup: TrailQueryWorkGroup;
}

/**
 * Saved Athena queries (`AWS::Athena::NamedQuery`) over a `TrailLogTable`, in a `TrailQueryWorkGroup`: the queries a
 * security engineer runs first. Root user activity; console sign-ins without MFA; IAM policy and permission changes;
 * trail tamper events (the calls `TrailTamperAlert` watches); access denied, by principal; the activity of one access
 * key, of one source IP and of one principal.
 *
 * Each reads only a range of days, bound by its first two execution parameters (`'2026/11/01'`, `'2026/11/30'`),
 * and, when the table cannot list its accounts, one account (the third). Its description lists its parameters.
 */
export class TrailInvestigations extends Construct {
  /** The saved queries, in the order above. */
  public readonly namedQueries: athena.CfnNamedQuery[];

  constructor(scope: Construct, id: string, props: TrailInvestigationsProps) {
    super(scope, id);
    const workGroup = props?.workGroup ?? undefined;
    const table = workGroup?.table;
    this.namedQueries = [];
    if (
      !checkRequired(this, 'workGroup', workGroup, 'the TrailQueryWorkGroup the queries are saved in') ||
      table === undefined
    ) {
      return;
    }
    // Saved queries in another account or Region than their workgroup or table would reference them across
    // environments, which aws-cdk-lib refuses in its own words before this error is listed: they are left out once
    // reported.
    const placed = checkProps(this, [QUERY_SAME_ENVIRONMENT], {
      own: placementOf(this),
      given: { workGroup: placementOf(workGroup!), table: placementOf(table) },
    });
    if (!placed) return;
    const target: QueryTarget = {
      database: table.databaseName,
      table: table.tableName,
      accountRequired: table.accountRequiredInQueries,
    };
    this.namedQueries = investigations().map((investigation) => {
      // NamedQuery is an L1 only: aws-cdk-lib has no Athena L2.
      const query = new athena.CfnNamedQuery(this, investigation.id, {
        name: `CloudTrail: ${investigation.name}`,
        description: descriptionOf(investigation, target),
        database: table.databaseName,
        workGroup: workGroup!.cfnWorkGroup.ref,
        queryString: sqlOf(investigation, target),
      });
      query.node.addDependency(table);
      checkTemplate(query, [...ATHENA_RESOURCE_RULES_BY_TYPE['AWS::Athena::NamedQuery'], GLUE_DATABASE_NAME], {
        path: query.node.path,
      });
      return query;
    });
  }
}
