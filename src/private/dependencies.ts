import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** The logical ids a value refers to with `Ref` or `Fn::GetAtt`, once resolved in `stack`. */
function referencedIds(stack: Stack, value: unknown): Set<string> {
  const ids = new Set<string>();
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(collect);
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.Ref === 'string') ids.add(record.Ref);
      const getAtt = record['Fn::GetAtt'];
      if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') ids.add(getAtt[0]);
      Object.values(record).forEach(collect);
    }
  };
  collect(stack.resolve(value));
  return ids;
}

/**
 * Makes `resource` wait for every CloudFormation resource under `targets` that its properties `references` do not
 * already refer to: a reference orders the two by itself, and CloudFormation is then told the order once (an explicit
 * DependsOn on top is cfn-lint's W3005). A target in another stack becomes a stack dependency, as always.
 */
export function dependOnUnreferenced(
  resource: CfnResource,
  targets: readonly IConstruct[],
  references: unknown[],
): void {
  const stack = Stack.of(resource);
  const referenced = referencedIds(stack, references);
  for (const target of targets) {
    for (const child of target.node.findAll()) {
      if (!CfnResource.isCfnResource(child) || child === resource) continue;
      if (Stack.of(child) === stack && referenced.has(stack.resolve(child.logicalId))) continue;
      resource.node.addDependency(child);
    }
  }
}
