import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** True for a CloudFormation intrinsic: an object with exactly one own key, `Ref` or `Fn::...`. */
export function isIntrinsic(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/**
 * Renders a value with CloudFormation intrinsics as readable text: `{"Ref":"AWS::AccountId"}` becomes
 * `<open>AWS::AccountId<close>`, `Fn::Join` is joined, `Fn::GetAtt` becomes `<open>Logical.Attr<close>`.
 * With `<` and `>` this is exactly the text cdk-nag uses in finding ids, so acknowledgements match.
 */
export function flattenIntrinsics(value: unknown, open: string, close: string): string {
  const visit = (node: unknown): string => {
    if (node === undefined || node === null) return '';
    if (typeof node === 'string') return node.replace(/\$\{/g, open).replace(/\}/g, close);
    if (typeof node !== 'object') return String(node);
    const obj = node as Record<string, unknown>;
    if (Array.isArray(obj['Fn::Join'])) {
      const [delimiter, items] = obj['Fn::Join'] as [string, unknown[]];
      return (Array.isArray(items) ? items : [items]).map(visit).join(delimiter);
    }
    if (obj['Fn::Sub'] !== undefined) return visit(obj['Fn::Sub']);
    if (Array.isArray(obj['Fn::GetAtt'])) {
      const [resource, attribute] = obj['Fn::GetAtt'] as [unknown, unknown];
      return `${open}${visit(resource)}.${visit(attribute)}${close}`;
    }
    if (obj['Fn::ImportValue'] !== undefined) return visit(obj['Fn::ImportValue']);
    if (obj.Ref !== undefined) return `${open}${visit(obj.Ref)}${close}`;
    return JSON.stringify(node);
  };
  return visit(value);
}

/** Resolves `value` in the stack of `scope` and renders it as cdk-nag renders resources in finding ids. */
export function nagResourceText(scope: IConstruct, value: string): string {
  return flattenIntrinsics(Stack.of(scope).resolve(value), '<', '>');
}

/**
 * Resolves a JSON-like structure in the stack of `scope`, replacing every intrinsic string leaf with
 * `${...}` text, so a person can read (and paste) it.
 */
export function readableJson(scope: IConstruct, value: unknown): unknown {
  const resolved = Stack.of(scope).resolve(value);
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      if (
        obj.Ref !== undefined ||
        obj['Fn::Join'] !== undefined ||
        obj['Fn::GetAtt'] !== undefined ||
        obj['Fn::Sub'] !== undefined ||
        obj['Fn::ImportValue'] !== undefined
      ) {
        return flattenIntrinsics(obj, '${', '}');
      }
      return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, walk(v)]));
    }
    return node;
  };
  return walk(resolved);
}
