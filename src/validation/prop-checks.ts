import { IConstruct } from 'constructs';
import { checkProps } from './report';
import { ACCOUNT_ID } from './rules/identifiers';
import { TRAIL_ACCOUNTS_GIVEN } from './rules/s3';

/*
 * What the constructs of several folders do with a checked prop. Every check is a rule of src/validation/rules,
 * reported at synth through checkProps; these only say which values the construct then keeps.
 */

/**
 * The accounts of `allowAccountTrails`, each once, without those a rule rejects (reported at synth, with the others).
 */
export function checkedAccounts(scope: IConstruct, accounts: string[] | undefined): string[] {
  checkProps(scope, [TRAIL_ACCOUNTS_GIVEN, ACCOUNT_ID], { accounts });
  const valid = (accounts ?? []).filter((a) => typeof a === 'string' && ACCOUNT_ID.check({ account: a }).length === 0);
  return [...new Set(valid)];
}

/** How a wrapping construct names the props it passes on: this library's constructs read it from their props. */
const PROP_NAMES = Symbol.for('cdk-cloudtrail-kit.propNames');

/**
 * Props for an inner construct, marked with the names the wrapping construct's user wrote (`{ transitions:
 * 'logFileTransitions' }`), so the inner construct's rules name those in their findings, once, at the inner path. A
 * symbol, so neither jsii nor `definedProps` sees it.
 */
export function withPropNames<T extends object>(props: T, names: Readonly<Record<string, string>>): T {
  return Object.defineProperty({ ...props }, PROP_NAMES, { value: names, enumerable: false });
}

/**
 * The names to report an inner construct's props under: the wrapping construct's (from `withPropNames`) after the
 * construct's own renaming (`own`: input key → the construct's prop).
 */
export function propNamesOf(
  given: unknown,
  own: Readonly<Record<string, string>> = {},
): Record<string, string> | undefined {
  const outer =
    given !== null && typeof given === 'object'
      ? ((given as Record<symbol, unknown>)[PROP_NAMES] as Record<string, string> | undefined)
      : undefined;
  if (outer === undefined) return Object.keys(own).length > 0 ? { ...own } : undefined;
  const keys = new Set([...Object.keys(outer), ...Object.keys(own)]);
  return Object.fromEntries(
    [...keys].map((key) => {
      const prop = own[key] ?? key;
      return [key, outer[prop] ?? prop];
    }),
  );
}
