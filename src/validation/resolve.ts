import {
  CfnElement,
  CfnResource,
  IPostProcessor,
  IResolvable,
  IResolveContext,
  Reference,
  ResolveChangeContextOptions,
  Stack,
  Token,
  Tokenization,
} from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { renderCfnTrailProps, rendersLikeCfnTrail } from './cfn-trail-render';
import { literalCopy, mayHoldToken } from './values';

/**
 * The `Properties` of a resource exactly as the template will hold them: tags from `Tags.of()`, escape-hatch
 * overrides and all, resolved. Undefined when rendering fails (synthesis then reports the failure itself).
 *
 * `stack.resolve()` gives the same result, but its generic walk costs as much again as synthesizing the trail:
 * each of hundreds of selector values gets its own resolution context. This walks plain data itself, resolves
 * tokens (the resource's own rendering and overrides among them) as aws-cdk-lib's `DefaultTokenResolver` does,
 * and leaves strings with encoded tokens to `stack.resolve()`. A `CfnTrail` without overrides skips aws-cdk-lib's
 * per-value validation of its props too (./cfn-trail-render.ts).
 */
export function resolvedProperties(resource: CfnResource): unknown {
  if (rendersLikeCfnTrail(resource)) {
    try {
      const stack = Stack.of(resource);
      const props = (resource as unknown as { cfnProperties: unknown }).cfnProperties;
      const rendered = renderCfnTrailProps(props, (value) => resolveLight(value, stack));
      if (rendered !== undefined) return rendered;
    } catch {
      // The general path meets the same failure and reports it the same way.
    }
  }
  return renderedProperties(resource);
}

/** `resolvedProperties` through the resource's own `_toCloudFormation()`: any resource, overrides and all. */
export function renderedProperties(resource: CfnResource): unknown {
  const render = (resource as unknown as { _toCloudFormation?: () => unknown })._toCloudFormation;
  if (typeof render !== 'function') return undefined;
  const stack = Stack.of(resource);
  try {
    const rendered = render.call(resource);
    const resources = rendered !== null && typeof rendered === 'object' ? (rendered as { Resources?: unknown }).Resources : undefined;
    const entry = resources !== null && typeof resources === 'object' ? Object.values(resources)[0] : undefined;
    const definition = resolveLight(entry, stack);
    const properties = definition !== null && typeof definition === 'object' ? (definition as { Properties?: unknown }).Properties : undefined;
    return properties ?? {};
  } catch {
    return undefined;
  }
}

/** Resolves `value` as `stack.resolve()` does, walking plain data itself. */
export function resolveLight(value: unknown, stack: Stack, leaveEmpty = false): unknown {
  if (value === undefined || value === null) return value;
  switch (typeof value) {
    case 'string':
      if (!mayHoldToken(value)) return value;
      return referencePlaceholder(value) ?? stack.resolve(value);
    case 'number':
      return Token.isUnresolved(value) ? stack.resolve(value) : value;
    case 'object':
      break;
    case 'function':
      // aws-cdk-lib refuses these with its own error.
      return stack.resolve(value);
    default:
      return value;
  }
  if (value instanceof Date) return value;
  if (Array.isArray(value)) {
    // Selector values are long lists of plain strings: nothing in them to resolve, so a plain copy (the
    // resource's post-processing may write into the lists it merges overrides into) marked for the rules.
    const copy = literalCopy(value, true);
    if (copy !== undefined) return copy;
    for (const item of value) {
      // An encoded list token among the items changes how the whole list resolves.
      if (typeof item === 'string' && mayHoldToken(item)) return stack.resolve(value);
    }
    const items = value.map((item) => resolveLight(item, stack, leaveEmpty));
    return leaveEmpty ? items : items.filter((item) => item !== undefined);
  }
  if (isResolvable(value)) return resolveToken(value, stack, leaveEmpty);
  if (Construct.isConstruct(value)) return stack.resolve(value);
  const keys = Object.keys(value);
  if (keys.some((key) => mayHoldToken(key))) return stack.resolve(value);
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const resolved = resolveLight((value as Record<string, unknown>)[key], stack, leaveEmpty);
    if (resolved !== undefined || leaveEmpty) result[key] = resolved;
  }
  return result;
}

const referenceTargets = new WeakMap<object, IConstruct>();

/**
 * A string that is one reference to a CloudFormation resource or parameter (`bucket.bucketName`, `key.keyArn`)
 * becomes an intrinsic for its target: rules take any intrinsic as unknown, so resolving the reference (and
 * allocating its logical id) would cost time for nothing. Pseudo parameters keep their exact `{ Ref }`, as rules
 * read `AWS::Region` and `AWS::AccountId` of a concrete stack. Anything else is left to `stack.resolve()`.
 */
function referencePlaceholder(value: string): object | undefined {
  const fragments = Tokenization.reverseString(value);
  const token = fragments.length === 1 ? fragments.firstToken : undefined;
  if (token === undefined || !Reference.isReference(token)) return undefined;
  if (token.displayName.startsWith('AWS::')) return { Ref: token.displayName };
  if (!CfnElement.isCfnElement(token.target)) return undefined;
  const label = token.target.node.path;
  const placeholder = token.displayName === 'Ref' ? { Ref: label } : { 'Fn::GetAtt': [label, token.displayName] };
  referenceTargets.set(placeholder, token.target);
  return placeholder;
}

/** The construct a resolved reference points at, when it was read as a reference placeholder. */
export function referenceTarget(value: unknown): IConstruct | undefined {
  return value !== null && typeof value === 'object' ? referenceTargets.get(value) : undefined;
}

function isResolvable(value: unknown): value is IResolvable {
  return value !== null && typeof value === 'object' && typeof (value as { resolve?: unknown }).resolve === 'function';
}

/**
 * Resolves one token as aws-cdk-lib's `DefaultTokenResolver.resolveToken` does: the token's value, then the tokens
 * in that value, then the token's post-processor, all with the scope and options `stack.resolve()` uses.
 */
function resolveToken(token: IResolvable, stack: Stack, leaveEmpty: boolean): unknown {
  let postProcessor: IPostProcessor | undefined;
  const context: IResolveContext = {
    scope: stack,
    preparing: false,
    documentPath: [],
    registerPostProcessor: (pp: IPostProcessor) => {
      postProcessor = pp;
    },
    resolve: (x: unknown, options?: ResolveChangeContextOptions) =>
      resolveLight(x, stack, options?.removeEmpty === undefined ? leaveEmpty : !options.removeEmpty),
  };
  const value = context.resolve(token.resolve(context));
  return postProcessor ? postProcessor.postProcess(value, context) : value;
}
