import { Annotations as CoreAnnotations, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { fixtures } from './evaluator';
import { renderEventSelection } from '../../src/selectors/render';
import { TrailEventSelection } from '../../src/selectors/selection';
import { SELECTION_LOGS_NOTHING } from '../../src/validation/rules/selection';

// The wiring proposed for SecureTrail, on a bare CfnTrail: lazy properties so that methods called after the
// constructor count, notes and warnings as annotations and violations as validation errors.

class Host extends Construct {
  public readonly selection = new TrailEventSelection();

  constructor(scope: Construct, id: string, ownBucket: s3.IBucket) {
    super(scope, id);
    const render = () =>
      renderEventSelection(this.selection, { partition: Stack.of(this).partition, ownBuckets: [ownBucket] });
    new cloudtrail.CfnTrail(this, 'Resource', {
      isLogging: true,
      s3BucketName: ownBucket.bucketName,
      eventSelectors: Lazy.any({ produce: () => render().eventSelectors }),
      advancedEventSelectors: Lazy.any({ produce: () => render().advancedEventSelectors }),
      insightSelectors: Lazy.any({ produce: () => render().insightSelectors }),
      aggregationConfigurations: Lazy.any({ produce: () => render().aggregationConfigurations }),
    });
    this.node.addValidation({
      validate: () => {
        const rendered = render();
        for (const note of rendered.notes) CoreAnnotations.of(this).addInfo(note);
        for (const warning of rendered.warnings) {
          CoreAnnotations.of(this).addWarningV2('cdk-cloudtrail-kit:eventSelection', warning);
        }
        return SELECTION_LOGS_NOTHING.check(rendered.whole).map((f) => `would log nothing: ${f.problem}`);
      },
    });
  }
}

describe('wiring into a trail construct', () => {
  test('with nothing selected the selection properties are absent from the template', () => {
    const { stack, bucket } = fixtures();
    new Host(stack, 'Trail', bucket('trail-logs'));
    const props = Object.values(Template.fromStack(stack).findResources('AWS::CloudTrail::Trail'))[0].Properties;
    expect(Object.keys(props).sort()).toEqual(['IsLogging', 'S3BucketName']);
  });

  test('calls made after the constructor count, and the guard note becomes an info annotation', () => {
    const { stack, bucket } = fixtures();
    const host = new Host(stack, 'Trail', bucket('trail-logs'));
    host.selection.addAllS3ObjectEvents();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      EventSelectors: Match.absent(),
      AdvancedEventSelectors: Match.arrayWith([Match.objectLike({ Name: 'S3 object events of all buckets' })]),
    });
    Annotations.fromStack(stack).hasInfo(
      '/Fixtures/Trail',
      Match.stringLikeRegexp('own bucket Fixtures/trail-logs are not logged'),
    );
  });

  test('a violation fails synth with its message', () => {
    const { stack, bucket } = fixtures();
    const host = new Host(stack, 'Trail', bucket('trail-logs'));
    host.selection.logManagementEvents({ readWriteType: cloudtrail.ReadWriteType.NONE });
    expect(() => Template.fromStack(stack)).toThrow(/would log nothing/);
  });
});
