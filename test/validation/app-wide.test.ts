import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { OrganizationTrailPrerequisites, SecureTrail, TrailValidator } from '../../src';
import { UNKNOWN_ACKNOWLEDGEMENT } from '../../src/validation/rules/app-wide';
import { ACCOUNT, REGION } from '../helpers';

/*
 * The checks every app using this library gets once: acknowledgements that acknowledge nothing, and organization
 * trails without their prerequisites.
 */

const ORG = 'o-abcdefghij';

function warningsOf(stack: Stack, id: string): string[] {
  return Annotations.fromStack(stack)
    .findWarning('*', Match.stringLikeRegexp(`\\[${id}\\]`))
    .map((w) => String(w.entry.data));
}

function stackWithTrail(props: ConstructorParameters<typeof SecureTrail>[2] = {}) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } });
  const trail = new SecureTrail(stack, 'Trail', props);
  return { app, stack, trail };
}

describe('UNKNOWN_ACKNOWLEDGEMENT', () => {
  test('a typo in an acknowledged id is a warning that suggests the id meant', () => {
    const { stack, trail } = stackWithTrail();
    Validations.of(trail).acknowledge({ id: 'cdk-cloudtrail-kit:bucketpolicies', reason: 'typo' });
    Validations.of(trail).acknowledge({ id: 'cdk-cloudtrail-kit:TRAIL-NAME-CHARACTERS', reason: 'typo' });
    expect(warningsOf(stack, 'UNKNOWN_ACKNOWLEDGEMENT')).toEqual([
      expect.stringMatching(
        /^\[UNKNOWN_ACKNOWLEDGEMENT\] Stack\/Trail: 'cdk-cloudtrail-kit:bucketpolicies' is acknowledged, but this library emits no warning with that id.*Fix: acknowledge 'cdk-cloudtrail-kit:bucketPolicy' if/,
      ),
      expect.stringMatching(
        /'cdk-cloudtrail-kit:TRAIL-NAME-CHARACTERS' .*Fix: acknowledge 'cdk-cloudtrail-kit:TRAIL_NAME_CHARACTERS' if/,
      ),
    ]);
  });

  test("ids of the warning registry and of every rule, in any case, are known; other tools' ids are not this check's", () => {
    const { stack, trail } = stackWithTrail();
    for (const id of [
      'bucketPolicy',
      'managementAccount',
      'TRAILS_PER_REGION',
      'trail_name_characters',
      'ORGANIZATION_TRAIL_PREREQUISITES',
    ]) {
      Validations.of(trail).acknowledge({ id: `cdk-cloudtrail-kit:${id}`, reason: 'known' });
    }
    Validations.of(trail).acknowledge({ id: 'other-tool:anything', reason: 'not ours' });
    expect(warningsOf(stack, 'UNKNOWN_ACKNOWLEDGEMENT')).toEqual([]);
  });

  test('an acknowledgement on the app itself is checked too (the warning goes on the app)', () => {
    const { app } = stackWithTrail();
    Validations.of(app).acknowledge({ id: 'cdk-cloudtrail-kit:nothingLikeThis', reason: 'typo' });
    app.synth();
    const onApp = app.node.metadata.map((m) => String(m.data)).filter((d) => d.includes('[UNKNOWN_ACKNOWLEDGEMENT]'));
    expect(onApp).toEqual([
      expect.stringMatching(
        /^\[UNKNOWN_ACKNOWLEDGEMENT\] : 'cdk-cloudtrail-kit:nothingLikeThis' is acknowledged, but this library emits no warning/,
      ),
    ]);
    // No id shares its start: no suggestion, only the rule's own fix.
    expect(UNKNOWN_ACKNOWLEDGEMENT.check({ acknowledged: ['nothingLikeThis'], known: ['bucketPolicy'] })).toEqual([
      expect.objectContaining({ value: 'cdk-cloudtrail-kit:nothingLikeThis', fix: undefined }),
    ]);
  });
});

describe('ORGANIZATION_TRAIL_PREREQUISITES', () => {
  test('an organization trail in an app without OrganizationTrailPrerequisites is warned about, naming the fix', () => {
    const { stack } = stackWithTrail({ organizationId: ORG });
    expect(warningsOf(stack, 'ORGANIZATION_TRAIL_PREREQUISITES')).toEqual([
      expect.stringMatching(
        /^\[ORGANIZATION_TRAIL_PREREQUISITES\] Stack\/Trail: IsOrganizationTrail \(prop organizationId\) 'true' makes an organization trail, .*Fix: add an OrganizationTrailPrerequisites/,
      ),
    ]);
  });

  test('not with the prerequisites in the app, in any stack', () => {
    const { app, stack } = stackWithTrail({ organizationId: ORG });
    new OrganizationTrailPrerequisites(
      new Stack(app, 'Management', { env: { account: ACCOUNT, region: REGION } }),
      'Prerequisites',
    );
    expect(warningsOf(stack, 'ORGANIZATION_TRAIL_PREREQUISITES')).toEqual([]);
  });

  test('not for an account trail; acknowledgeable when a landing zone set them up', () => {
    expect(warningsOf(stackWithTrail().stack, 'ORGANIZATION_TRAIL_PREREQUISITES')).toEqual([]);
    const { stack, trail } = stackWithTrail({ organizationId: ORG });
    Validations.of(trail).acknowledge({
      id: 'cdk-cloudtrail-kit:ORGANIZATION_TRAIL_PREREQUISITES',
      reason: 'Control Tower enabled them',
    });
    expect(warningsOf(stack, 'ORGANIZATION_TRAIL_PREREQUISITES')).toEqual([]);
  });

  test('read from the final template: an aws-cdk-lib trail made an organization trail by an override is checked under TrailValidator', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } });
    const trail = new cloudtrail.Trail(stack, 'Trail');
    (trail.node.defaultChild as cloudtrail.CfnTrail).addPropertyOverride('IsOrganizationTrail', true);
    new TrailValidator().visit(trail.node.defaultChild!);
    expect(warningsOf(stack, 'ORGANIZATION_TRAIL_PREREQUISITES')).toEqual([
      expect.stringMatching(/^\[ORGANIZATION_TRAIL_PREREQUISITES\] Stack\/Trail: /),
    ]);
  });
});
