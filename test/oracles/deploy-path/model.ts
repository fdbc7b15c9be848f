import { App } from 'aws-cdk-lib';
import { ACCOUNT, REGION } from '../../helpers';

/*
 * The synthesized templates of an app, resolved for pinned accounts and Regions, across stacks: a value one stack
 * imports (Fn::ImportValue) or names (a bucket by name, a key by alias ARN) is found in the stack that makes it.
 * test/compliance/resolve.ts resolves one template and only `Arn` attributes; the deploy path needs conditions,
 * Fn::Sub/Select/Split/If/ImportValue and the ARNs of every type the library emits, so it has this resolver.
 * Physical names: the template's own name when it gives one, else the logical id (CloudFormation would generate one).
 */

export const PARTITION = 'aws';

export interface StackModel {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly template: any;
  readonly resources: Record<string, any>;
}

export class AppModel {
  public readonly stacks: StackModel[];

  constructor(app: App, defaults: { account?: string; region?: string } = {}) {
    const assembly = app.synth();
    this.stacks = assembly.stacks.map((s) => {
      const known = (value: string, unknown: string, fallback: string) =>
        value === unknown || !value ? fallback : value;
      return {
        name: s.stackName,
        account: known(s.environment.account, 'unknown-account', defaults.account ?? ACCOUNT),
        region: known(s.environment.region, 'unknown-region', defaults.region ?? REGION),
        template: s.template,
        resources: s.template.Resources ?? {},
      };
    });
  }

  public stack(name: string): StackModel {
    const found = this.stacks.find((s) => s.name === name);
    if (!found) throw new Error(`no stack ${name}`);
    return found;
  }

  /** Every resource of a type, in every stack. */
  public resourcesOfType(type: string): Array<{ stack: StackModel; id: string; resource: any }> {
    return this.stacks.flatMap((stack) =>
      Object.entries(stack.resources)
        .filter(([, r]) => r.Type === type)
        .map(([id, resource]) => ({ stack, id, resource })),
    );
  }

  public resolve(stack: StackModel, value: any): any {
    if (Array.isArray(value)) return value.map((v) => this.resolve(stack, v));
    if (!value || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const [key] = keys;
      const arg = value[key];
      switch (key) {
        case 'Ref':
          return this.ref(stack, arg);
        case 'Fn::GetAtt':
          return this.getAtt(stack, arg[0], arg[1]);
        case 'Fn::Join':
          return (this.resolve(stack, arg[1]) as any[]).join(arg[0]);
        case 'Fn::Select':
          return this.resolve(stack, arg[1])[Number(this.resolve(stack, arg[0]))];
        case 'Fn::Split':
          return String(this.resolve(stack, arg[1])).split(arg[0]);
        case 'Fn::If':
          return this.condition(stack, arg[0]) ? this.resolve(stack, arg[1]) : this.resolve(stack, arg[2]);
        case 'Fn::ImportValue':
          return this.importValue(this.resolve(stack, arg));
        case 'Fn::Sub':
          return this.sub(stack, arg);
        case 'Fn::Base64':
          return this.resolve(stack, arg);
      }
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(stack, v)]));
  }

  public properties(stack: StackModel, id: string): any {
    return this.resolve(stack, stack.resources[id].Properties ?? {});
  }

  /** Whether CloudFormation creates the resource: its Condition, evaluated for the stack's account and Region. */
  public created(stack: StackModel, id: string): boolean {
    const condition = stack.resources[id].Condition;
    return condition === undefined || this.condition(stack, condition);
  }

  public condition(stack: StackModel, name: string): boolean {
    const expression = stack.template.Conditions?.[name];
    if (expression === undefined) throw new Error(`${stack.name}: unknown condition ${name}`);
    return this.evaluateCondition(stack, expression);
  }

  private evaluateCondition(stack: StackModel, e: any): boolean {
    if (e.Condition) return this.condition(stack, e.Condition);
    if (e['Fn::Equals']) {
      const [a, b] = e['Fn::Equals'].map((v: any) => JSON.stringify(this.resolve(stack, v)));
      return a === b;
    }
    if (e['Fn::Not']) return !this.evaluateCondition(stack, e['Fn::Not'][0]);
    if (e['Fn::And']) return e['Fn::And'].every((c: any) => this.evaluateCondition(stack, c));
    if (e['Fn::Or']) return e['Fn::Or'].some((c: any) => this.evaluateCondition(stack, c));
    throw new Error(`${stack.name}: unsupported condition ${JSON.stringify(e)}`);
  }

  private sub(stack: StackModel, arg: any): string {
    const [text, vars] = typeof arg === 'string' ? [arg, {}] : [arg[0], arg[1] ?? {}];
    return text.replace(/\$\{([^}!]+)\}/g, (_: string, name: string) => {
      if (name in vars) return String(this.resolve(stack, vars[name]));
      const [id, attribute] = name.split('.');
      return String(attribute ? this.getAtt(stack, id, attribute) : this.ref(stack, id));
    });
  }

  private importValue(name: string): any {
    for (const stack of this.stacks) {
      for (const output of Object.values<any>(stack.template.Outputs ?? {})) {
        if (output.Export && this.resolve(stack, output.Export.Name) === name) return this.resolve(stack, output.Value);
      }
    }
    throw new Error(`no stack exports ${name}`);
  }

  public ref(stack: StackModel, name: string): any {
    switch (name) {
      case 'AWS::Partition':
        return PARTITION;
      case 'AWS::Region':
        return stack.region;
      case 'AWS::AccountId':
        return stack.account;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return stack.name;
      case 'AWS::NoValue':
        return undefined;
    }
    const parameter = stack.template.Parameters?.[name];
    if (parameter) return parameter.Default ?? name;
    const resource = stack.resources[name];
    if (!resource) throw new Error(`${stack.name}: unknown Ref ${name}`);
    const p = resource.Properties ?? {};
    const named = (value: any) => (value === undefined ? name : this.resolve(stack, value));
    switch (resource.Type) {
      case 'AWS::S3::Bucket':
        return named(p.BucketName) ?? name.toLowerCase();
      case 'AWS::SNS::Topic':
        return this.arn(stack, 'sns', named(p.TopicName));
      case 'AWS::IAM::ManagedPolicy':
        return `arn:${PARTITION}:iam::${stack.account}:policy/${named(p.ManagedPolicyName)}`;
      case 'AWS::Logs::LogGroup':
        return named(p.LogGroupName);
      case 'AWS::IAM::Role':
        return named(p.RoleName);
      case 'AWS::Lambda::Function':
        return named(p.FunctionName);
      case 'AWS::CloudTrail::Trail':
        return named(p.TrailName);
      case 'AWS::Events::Rule':
        return named(p.Name);
      case 'AWS::CloudWatch::Alarm':
        return named(p.AlarmName);
      case 'AWS::Athena::WorkGroup':
        return named(p.Name);
      case 'AWS::Glue::Database':
        return named(p.DatabaseInput?.Name);
      case 'AWS::Glue::Table':
        return named(p.TableInput?.Name);
      case 'AWS::DynamoDB::Table':
        return named(p.TableName);
      case 'AWS::KMS::Alias':
        return named(p.AliasName);
      default:
        return name;
    }
  }

  public getAtt(stack: StackModel, name: string, attribute: string): any {
    const resource = stack.resources[name];
    if (!resource) throw new Error(`${stack.name}: unknown GetAtt ${name}`);
    if (attribute !== 'Arn') {
      if (resource.Type === 'AWS::KMS::Key' && attribute === 'KeyId') return name;
      return `${name}.${attribute}`;
    }
    const ref = this.ref(stack, name);
    switch (resource.Type) {
      case 'AWS::S3::Bucket':
        return `arn:${PARTITION}:s3:::${ref}`;
      case 'AWS::KMS::Key':
        return this.arn(stack, 'kms', `key/${name}`);
      case 'AWS::Logs::LogGroup':
        return this.arn(stack, 'logs', `log-group:${ref}:*`);
      case 'AWS::IAM::Role':
        return `arn:${PARTITION}:iam::${stack.account}:role/${ref}`;
      case 'AWS::Lambda::Function':
        return this.arn(stack, 'lambda', `function:${ref}`);
      case 'AWS::CloudTrail::Trail':
        return this.arn(stack, 'cloudtrail', `trail/${ref}`);
      case 'AWS::Events::Rule':
        return this.arn(stack, 'events', `rule/${ref}`);
      case 'AWS::CloudWatch::Alarm':
        return this.arn(stack, 'cloudwatch', `alarm:${ref}`);
      case 'AWS::SNS::Topic':
        return ref;
      case 'AWS::DynamoDB::Table':
        return this.arn(stack, 'dynamodb', `table/${ref}`);
      case 'AWS::SQS::Queue':
        return this.arn(stack, 'sqs', String(ref).split('/').pop()!);
      default:
        throw new Error(`${stack.name}: unsupported GetAtt ${name}.Arn on ${resource.Type}`);
    }
  }

  public arn(stack: StackModel, service: string, resource: string): string {
    return `arn:${PARTITION}:${service}:${stack.region}:${stack.account}:${resource}`;
  }
}
