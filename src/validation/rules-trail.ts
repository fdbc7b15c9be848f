import { PartialString } from './partial-string';
import { contextString, quoteChars, shown, stringProp, toPartialContext, TrailRule } from './rule';
import { asBoolean, asList, field } from './values';

const NAME_SOURCE = 'CloudTrail API CreateTrail Name, InvalidTrailNameException / User Guide cloudtrail-trail-naming-requirements';
const NAME_REJECTED = 'CloudTrail rejects it with InvalidTrailNameException';

/** The trail name for the name rules; an ARN is left to TRAIL_NAME_NOT_ARN alone. */
function trailName(props: unknown, context: unknown): PartialString | undefined {
  const name = stringProp(props, 'TrailName', context);
  if (name === undefined || name.head.startsWith('arn:')) return undefined;
  return name;
}

const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;
const ALNUM = /^[A-Za-z0-9]$/;

export const TRAIL_RULES: TrailRule[] = [
  {
    id: 'TRAIL_NAME_NOT_ARN',
    constraint: 'CreateTrail takes a trail name, not a trail ARN (ARNs are accepted only when addressing an existing trail).',
    source: 'CloudTrail API CreateTrail Name / UpdateTrail Name',
    cfnProperty: 'TrailName',
    prop: 'trailName',
    fix: 'give the name only, e.g. \'MyTrail\' instead of \'arn:aws:cloudtrail:us-east-1:111111111111:trail/MyTrail\'',
    severity: 'error',
    check(props, context) {
      const name = stringProp(props, 'TrailName', context);
      if (name === undefined || !name.head.startsWith('arn:')) return [];
      const text = name.text;
      const slash = text?.lastIndexOf('/') ?? -1;
      return [{
        value: shown(name),
        problem: `is an ARN; a trail is created by name, so ${NAME_REJECTED}`,
        fix: text !== undefined && slash >= 0 ? `give the name only, e.g. '${text.slice(slash + 1)}'` : undefined,
      }];
    },
  },
  {
    id: 'TRAIL_NAME_CHARACTERS',
    constraint: 'A trail name contains only ASCII letters (a-z, A-Z), digits (0-9), periods (.), underscores (_) and dashes (-).',
    source: NAME_SOURCE,
    cfnProperty: 'TrailName',
    prop: 'trailName',
    fix: 'use only ASCII letters, digits, \'.\', \'_\' and \'-\'',
    severity: 'error',
    check(props, context) {
      const name = trailName(props, context);
      const bad = name?.badCharacters(/^[A-Za-z0-9._-]$/) ?? [];
      if (name === undefined || bad.length === 0) return [];
      return [{ value: shown(name), problem: `contains ${quoteChars(bad)}; ${NAME_REJECTED}` }];
    },
  },
  {
    id: 'TRAIL_NAME_START_END',
    constraint: 'A trail name starts with a letter or digit and ends with a letter or digit.',
    source: NAME_SOURCE,
    cfnProperty: 'TrailName',
    prop: 'trailName',
    fix: 'start and end the name with a letter or digit',
    severity: 'error',
    check(props, context) {
      const name = trailName(props, context);
      if (name === undefined) return [];
      const first = name.head.charAt(0);
      const last = name.tail.charAt(name.tail.length - 1);
      const ends: string[] = [];
      if (first !== '' && !ALNUM.test(first)) ends.push(`starts with '${first}'`);
      if (last !== '' && !ALNUM.test(last)) ends.push(`ends with '${last}'`);
      if (ends.length === 0) return [];
      return [{ value: shown(name), problem: `${ends.join(' and ')}, not a letter or digit; ${NAME_REJECTED}` }];
    },
  },
  {
    id: 'TRAIL_NAME_LENGTH',
    constraint: 'A trail name is 3 to 128 characters long.',
    source: NAME_SOURCE,
    cfnProperty: 'TrailName',
    prop: 'trailName',
    fix: 'use a name of 3 to 128 characters',
    severity: 'error',
    check(props, context) {
      const name = trailName(props, context);
      if (name === undefined) return [];
      const text = name.text;
      if (text !== undefined && (text.length < 3 || text.length > 128)) {
        return [{ value: shown(name), problem: `is ${text.length} characters long, outside 3 to 128; ${NAME_REJECTED}` }];
      }
      if (text === undefined && name.minLength > 128) {
        return [{ value: shown(name), problem: `is at least ${name.minLength} characters long, over 128; ${NAME_REJECTED}` }];
      }
      return [];
    },
  },
  {
    id: 'TRAIL_NAME_ADJACENT_PUNCTUATION',
    constraint: 'A trail name has no two adjacent periods, underscores or dashes (my-_namespace and my--namespace are invalid).',
    source: NAME_SOURCE,
    cfnProperty: 'TrailName',
    prop: 'trailName',
    fix: 'separate them with a letter or digit, or keep one of them',
    severity: 'error',
    check(props, context) {
      const name = trailName(props, context);
      if (name === undefined) return [];
      const run = name.literals.map((l) => /[._-]{2,}/.exec(l)?.[0]).find((m) => m !== undefined);
      if (run === undefined) return [];
      const text = name.text;
      return [{
        value: shown(name),
        problem: `has two adjacent '.', '_' or '-' ('${run}'); ${NAME_REJECTED}`,
        fix: text !== undefined ? `keep one of them or separate them with a letter or digit, e.g. '${text.replace(/[._-]{2,}/g, (m) => m[0])}'` : undefined,
      }];
    },
  },
  {
    id: 'TRAIL_NAME_IP_ADDRESS',
    constraint: 'A trail name is not in IP-address format (e.g. 192.168.5.4).',
    source: NAME_SOURCE,
    cfnProperty: 'TrailName',
    prop: 'trailName',
    fix: 'use a name that is not four dot-separated numbers, e.g. add a word',
    severity: 'error',
    check(props, context) {
      const name = trailName(props, context);
      const text = name?.text;
      if (text === undefined || !IP_ADDRESS.test(text)) return [];
      return [{ value: text, problem: `is in IP-address format; ${NAME_REJECTED}`, fix: `use a name that is not an IP address, e.g. 'trail-${text}'` }];
    },
  },
  {
    id: 'MULTI_REGION_GLOBAL_EVENTS',
    constraint: 'A multi-Region trail includes global service events.',
    source: 'CloudTrail API CreateTrail IsMultiRegionTrail / IncludeGlobalServiceEvents, InvalidParameterCombinationException',
    cfnProperty: 'IncludeGlobalServiceEvents',
    prop: 'includeGlobalServiceEvents',
    fix: 'set includeGlobalServiceEvents to true (or leave it unset), or make the trail single-Region',
    severity: 'error',
    check(props) {
      if (asBoolean(field(props, 'IsMultiRegionTrail')) !== true) return [];
      if (asBoolean(field(props, 'IncludeGlobalServiceEvents')) !== false) return [];
      return [{
        value: false,
        problem: 'is false on a multi-Region trail (IsMultiRegionTrail true); CloudTrail rejects this with InvalidParameterCombinationException '
          + '"Multi-Region trail must include global service events"',
      }];
    },
  },
  {
    id: 'ORGANIZATION_ID_FORMAT',
    constraint: 'An AWS Organizations id is \'o-\' followed by 10 to 32 lowercase letters or digits.',
    source: 'AWS Organizations API Organization Id (pattern ^o-[a-z0-9]{10,32}$)',
    cfnProperty: '-',
    prop: 'organizationId',
    fix: 'use the id shown by `aws organizations describe-organization`, e.g. \'o-a1b2c3d4e5\'',
    severity: 'error',
    check(_props, context) {
      const id = toPartialContext(context, 'organizationId');
      if (id === undefined) return [];
      const text = id.text;
      const invalid = text !== undefined
        ? !/^o-[a-z0-9]{10,32}$/.test(text)
        : id.cannotStartWith('o-') || id.minLength > 34 || id.badCharacters(/^[a-z0-9-]$/).length > 0;
      return invalid ? [{ value: shown(id), problem: 'is not an organization id (\'o-\' and 10 to 32 lowercase letters or digits)' }] : [];
    },
  },
  {
    id: 'TRAILS_PER_REGION',
    constraint: 'An account has at most 5 trails per Region; the quota cannot be increased.',
    source: 'CloudTrail User Guide WhatIsCloudTrail-Limits, MaximumNumberOfTrailsExceededException',
    cfnProperty: '-',
    prop: '-',
    fix: 'use fewer trails in this account and Region: one trail can log several selectors, Regions (multi-Region) and the organization',
    severity: 'error',
    check(_props, context) {
      const trails = (asList(field(context, 'trailsInAccountRegion')) ?? []).filter((t): t is string => typeof t === 'string');
      if (trails.length <= 5) return [];
      const account = contextString(context, 'account') ?? '?';
      const region = contextString(context, 'region') ?? '?';
      return [{
        problem: `this app defines ${trails.length} trails in account ${account} Region ${region} (${trails.join(', ')}); `
          + 'CloudTrail allows 5 per account and Region and fails the sixth with MaximumNumberOfTrailsExceededException',
      }];
    },
  },
];
