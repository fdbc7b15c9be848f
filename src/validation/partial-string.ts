import { asLiteral, isUnknown } from './values';

/** A stretch of a string not known at synth. */
export interface Hole {
  /** How the hole is shown in messages, e.g. `AWS::Partition`. */
  readonly label: string;
  /** Tests one character; when set, every character the hole can hold passes it. */
  readonly chars?: RegExp;
  /** The fewest characters the hole can hold. */
  readonly minLength: number;
}

export type Part = string | Hole;

/** What the stack knows of its environment, to read `AWS::Region` and `AWS::AccountId` as the literals they will be. */
export interface KnownEnv {
  readonly region?: string;
  readonly account?: string;
}

// Encoded CDK tokens inside a string, as aws-cdk-lib's encoding writes them (string, list and number tokens).
const ENCODED_TOKEN = /\$\{Token\[[a-zA-Z0-9:._-]+\]\}|#\{Token\[[a-zA-Z0-9:._-]+\]\}|-1\.\d{10,16}e\+289/;
const MAX_DEPTH = 24;

/**
 * A string of literal parts and holes: `{"Fn::Join":["",["my-",{"Ref":"X"},"-trail"]]}` is `my-`, a hole,
 * `-trail`. Rules check what the literal parts settle for every possible value of the holes, and nothing more.
 */
export class PartialString {
  public readonly parts: readonly Part[];

  constructor(parts: readonly Part[]) {
    // Adjacent literals as one, without empty ones.
    this.parts = parts.reduce<Part[]>((merged, part) => {
      const last = merged[merged.length - 1];
      if (typeof part !== 'string') merged.push(part);
      else if (typeof last === 'string') merged[merged.length - 1] = last + part;
      else if (part.length > 0) merged.push(part);
      return merged;
    }, []);
  }

  /** The whole text, when it has no holes. */
  public get text(): string | undefined {
    if (this.parts.length === 0) return '';
    return this.parts.length === 1 && typeof this.parts[0] === 'string' ? this.parts[0] : undefined;
  }

  /** The fewest characters the string can have. */
  public get minLength(): number {
    return this.parts.reduce((sum, p) => sum + (typeof p === 'string' ? p.length : p.minLength), 0);
  }

  /** The literal text the string certainly starts with ('' when it starts with a hole). */
  public get head(): string {
    const first = this.parts[0];
    return typeof first === 'string' ? first : '';
  }

  /** The literal text the string certainly ends with ('' when it ends with a hole). */
  public get tail(): string {
    const last = this.parts[this.parts.length - 1];
    return typeof last === 'string' ? last : '';
  }

  public get literals(): string[] {
    return this.parts.filter((p): p is string => typeof p === 'string');
  }

  /** Literal characters failing `allowed` (which tests one character), each once, in order of appearance. */
  public badCharacters(allowed: RegExp): string[] {
    const bad = new Set<string>();
    for (const literal of this.literals) {
      for (const ch of literal) if (!allowed.test(ch)) bad.add(ch);
    }
    return [...bad];
  }

  /** True when the string certainly does not start with `prefix`. */
  public cannotStartWith(prefix: string): boolean {
    const head = this.head;
    if (head.length >= prefix.length) return !head.startsWith(prefix);
    return this.text !== undefined || !prefix.startsWith(head);
  }

  /** The text for messages, with holes as `${label}`. */
  public display(): string {
    return this.parts.map((p) => (typeof p === 'string' ? p : `\${${p.label}}`)).join('');
  }
}

/**
 * Reads a resolved CloudFormation value as a string with holes. Undefined when the value is not a string at all
 * (absent, a number, a list, a plain object): string rules have nothing to say about it.
 */
export function toPartial(value: unknown, env: KnownEnv = {}): PartialString | undefined {
  const parts = partsOf(value, env, 0);
  return parts && new PartialString(parts);
}

function partsOf(value: unknown, env: KnownEnv, depth: number): Part[] | undefined {
  if (typeof value === 'string') return stringParts(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (!isUnknown(value)) return undefined;
  const [key, ...more] = Object.keys(value);
  if (depth > MAX_DEPTH || more.length > 0 || key === undefined) return [hole('Token')];
  const arg = (value as Record<string, unknown>)[key];
  if (key === 'Ref') return [refPart(arg, env)];
  if (key === 'Fn::Join') return joinParts(arg, env, depth);
  if (key === 'Fn::Sub') return subParts(arg, env, depth);
  if (key !== 'Fn::GetAtt') return [hole(key)];
  return [hole(Array.isArray(arg) ? arg.map((a) => asLiteral(a) ?? '?').join('.') : (asLiteral(arg) ?? '?'))];
}

/** A stretch known only by its label. */
function hole(label: string): Hole {
  return { label, minLength: 0 };
}

/** A string with encoded CDK tokens (from a caller, unresolved): each token a hole. */
function stringParts(value: string): Part[] {
  if (!isUnknown(value)) return [value];
  const parts: Part[] = [];
  let rest = value;
  for (let match = ENCODED_TOKEN.exec(rest); match; match = ENCODED_TOKEN.exec(rest)) {
    parts.push(rest.slice(0, match.index), hole('Token'));
    rest = rest.slice(match.index + match[0].length);
  }
  return parts.length === 0 ? [hole('Token')] : [...parts, rest];
}

const PSEUDO_HOLES: Record<string, Hole> = {
  'AWS::Partition': { label: 'AWS::Partition', chars: /^[a-z-]$/, minLength: 3 },
  'AWS::Region': { label: 'AWS::Region', chars: /^[a-z0-9-]$/, minLength: 1 },
  'AWS::AccountId': { label: 'AWS::AccountId', chars: /^[0-9]$/, minLength: 12 },
  'AWS::URLSuffix': { label: 'AWS::URLSuffix', chars: /^[a-z.]$/, minLength: 1 },
  'AWS::StackName': { label: 'AWS::StackName', chars: /^[A-Za-z0-9-]$/, minLength: 1 },
};

function refPart(name: unknown, env: KnownEnv): Part {
  const ref = asLiteral(name);
  if (ref === undefined) return hole('Ref');
  // The stack deploys to its own Region and account, so in a stack with a concrete env these are literals.
  if (ref === 'AWS::Region' && env.region !== undefined) return env.region;
  if (ref === 'AWS::AccountId' && env.account !== undefined) return env.account;
  return Object.prototype.hasOwnProperty.call(PSEUDO_HOLES, ref) ? PSEUDO_HOLES[ref] : hole(ref);
}

function joinParts(arg: unknown, env: KnownEnv, depth: number): Part[] {
  if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) {
    return [hole('Fn::Join')];
  }
  const [delimiter, items] = arg as [string, unknown[]];
  const parts: Part[] = [];
  items.forEach((item, i) => {
    if (i > 0) parts.push(delimiter);
    // A list-valued item (a list parameter, Fn::Split, ...) expands to any number of delimited strings: a hole.
    parts.push(...(partsOf(item, env, depth + 1) ?? [hole('Token')]));
  });
  return parts;
}

function subParts(arg: unknown, env: KnownEnv, depth: number): Part[] {
  let template: unknown = arg;
  let variables: unknown = undefined;
  if (Array.isArray(arg)) [template, variables] = arg;
  if (typeof template !== 'string') return [hole('Fn::Sub')];
  const vars =
    variables !== null && typeof variables === 'object' && !Array.isArray(variables)
      ? (variables as Record<string, unknown>)
      : {};
  const parts: Part[] = [];
  const placeholder = /\$\{([^}]*)\}/g;
  let last = 0;
  for (let match = placeholder.exec(template); match; match = placeholder.exec(template)) {
    parts.push(template.slice(last, match.index));
    last = match.index + match[0].length;
    const name = match[1];
    if (name.startsWith('!')) {
      parts.push(`\${${name.slice(1)}}`);
    } else if (Object.prototype.hasOwnProperty.call(vars, name)) {
      parts.push(...(partsOf(vars[name], env, depth + 1) ?? [hole(name)]));
    } else {
      parts.push(name.includes('.') ? hole(name) : refPart(name, env));
    }
  }
  parts.push(template.slice(last));
  return parts;
}
