import { Template } from 'aws-cdk-lib/assertions';

/**
 * Resolves the intrinsics of a synthesized template for a pinned partition, account and Region, so its
 * policies can be evaluated by an IAM simulator. Each resource gets a stable physical name derived from
 * its logical id unless the template names it.
 */
export class TemplateResolver {
  private readonly resources: Record<string, any>;

  constructor(
    template: Template,
    private readonly account: string,
    private readonly region: string,
    private readonly partition = 'aws',
  ) {
    this.resources = template.toJSON().Resources;
  }

  public resolve(value: any): any {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value && typeof value === 'object') {
      if ('Ref' in value) return this.ref(value.Ref);
      if ('Fn::GetAtt' in value) return this.getAtt(value['Fn::GetAtt'][0], value['Fn::GetAtt'][1]);
      if ('Fn::Join' in value) return (this.resolve(value['Fn::Join'][1]) as string[]).join(value['Fn::Join'][0]);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(v)]));
    }
    return value;
  }

  /** The resolved properties of one resource. */
  public properties(logicalId: string): any {
    return this.resolve(this.resources[logicalId].Properties);
  }

  private ref(name: string): string {
    switch (name) {
      case 'AWS::Partition':
        return this.partition;
      case 'AWS::Region':
        return this.region;
      case 'AWS::AccountId':
        return this.account;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
    }
    const resource = this.resources[name];
    if (!resource) throw new Error(`unknown Ref ${name}`);
    switch (resource.Type) {
      case 'AWS::S3::Bucket':
        return this.bucketName(name);
      case 'AWS::SNS::Topic':
        return `arn:${this.partition}:sns:${this.region}:${this.account}:${resource.Properties?.TopicName ?? name}`;
      case 'AWS::Logs::LogGroup':
        return this.resolve(resource.Properties?.LogGroupName) ?? name;
      case 'AWS::IAM::Role':
        return name;
      case 'AWS::KMS::Key':
        return name;
      default:
        return name;
    }
  }

  private getAtt(name: string, attribute: string): string {
    const resource = this.resources[name];
    if (!resource) throw new Error(`unknown GetAtt ${name}`);
    if (attribute !== 'Arn') throw new Error(`unsupported attribute ${name}.${attribute}`);
    switch (resource.Type) {
      case 'AWS::S3::Bucket':
        return `arn:${this.partition}:s3:::${this.bucketName(name)}`;
      case 'AWS::KMS::Key':
        return `arn:${this.partition}:kms:${this.region}:${this.account}:key/${name}`;
      case 'AWS::Logs::LogGroup':
        return `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:${this.ref(name)}:*`;
      case 'AWS::IAM::Role':
        return `arn:${this.partition}:iam::${this.account}:role/${name}`;
      case 'AWS::DynamoDB::Table':
        return `arn:${this.partition}:dynamodb:${this.region}:${this.account}:table/${name}`;
      case 'AWS::SQS::Queue':
        return `arn:${this.partition}:sqs:${this.region}:${this.account}:${name}`;
      default:
        throw new Error(`unsupported GetAtt on ${resource.Type}`);
    }
  }

  private bucketName(logicalId: string): string {
    return this.resolve(this.resources[logicalId].Properties?.BucketName) ?? logicalId.toLowerCase();
  }
}
