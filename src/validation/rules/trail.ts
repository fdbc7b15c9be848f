import { TrailRuleSeverity } from '../rule-info';
import { nameRules, stringRule } from './factories';
import { TrailRule } from './rule';
import { trailView } from '../view';

const NAME_REJECTED = 'CloudTrail rejects it with InvalidTrailNameException';

/** The trail-name rules; an ARN is left to TRAIL_NAME_NOT_ARN alone. */
export const TRAIL_NAME = nameRules(
  {
    prefix: 'TRAIL_NAME',
    cfnProperty: 'TrailName',
    prop: 'trailName',
    source:
      'CloudTrail API CreateTrail Name, InvalidTrailNameException / User Guide cloudtrail-trail-naming-requirements',
    rejected: NAME_REJECTED,
    get: (view) => (view.trailName?.head.startsWith('arn:') ? undefined : view.trailName),
  },
  {
    characters: {
      constraint:
        'A trail name contains only ASCII letters (a-z, A-Z), digits (0-9), periods (.), underscores (_) and dashes (-).',
      fix: "use only ASCII letters, digits, '.', '_' and '-'",
      allowed: /^[A-Za-z0-9._-]$/,
    },
    ends: {
      constraint: 'A trail name starts with a letter or digit and ends with a letter or digit.',
      fix: 'start and end the name with a letter or digit',
      allowed: /^[A-Za-z0-9]$/,
      what: 'a letter or digit',
    },
    length: {
      constraint: 'A trail name is 3 to 128 characters long.',
      fix: 'use a name of 3 to 128 characters',
      min: 3,
      max: 128,
    },
    adjacent: {
      id: 'ADJACENT_PUNCTUATION',
      constraint:
        'A trail name has no two adjacent periods, underscores or dashes (my-_namespace and my--namespace are invalid).',
      fix: 'separate them with a letter or digit, or keep one of them',
      pattern: /[._-]{2,}/,
      problem: (run) => `has two adjacent '.', '_' or '-' ('${run}')`,
      fixFor: (text) =>
        `keep one of them or separate them with a letter or digit, e.g. '${text.replace(/[._-]{2,}/g, (m) => m[0])}'`,
    },
    ipAddress: {
      constraint: 'A trail name is not in IP-address format (e.g. 192.168.5.4).',
      fix: 'use a name that is not four dot-separated numbers, e.g. add a word',
      fixFor: (text) => `use a name that is not an IP address, e.g. 'trail-${text}'`,
    },
  },
);

export const TRAIL_RULES: TrailRule[] = [
  stringRule(
    {
      id: 'TRAIL_NAME_NOT_ARN',
      constraint:
        'CreateTrail takes a trail name, not a trail ARN (ARNs are accepted only when addressing an existing trail).',
      source: 'CloudTrail API CreateTrail Name / UpdateTrail Name',
      cfnProperty: 'TrailName',
      prop: 'trailName',
      fix: "give the name only, e.g. 'MyTrail' instead of 'arn:aws:cloudtrail:us-east-1:111111111111:trail/MyTrail'",
    },
    (view) => view.trailName,
    ({ head, text }) => {
      const slash = text?.lastIndexOf('/') ?? -1;
      return !head.startsWith('arn:')
        ? undefined
        : {
            problem: `is an ARN; a trail is created by name, so ${NAME_REJECTED}`,
            fix: text !== undefined && slash >= 0 ? `give the name only, e.g. '${text.slice(slash + 1)}'` : undefined,
          };
    },
  ),
  // In the order nameRules makes them: characters, first and last character, length, adjacent punctuation, IP form.
  ...Object.values(TRAIL_NAME),
  {
    id: 'MULTI_REGION_GLOBAL_EVENTS',
    constraint: 'A multi-Region trail includes global service events.',
    source:
      'CloudTrail API CreateTrail IsMultiRegionTrail / IncludeGlobalServiceEvents, InvalidParameterCombinationException',
    cfnProperty: 'IncludeGlobalServiceEvents',
    prop: 'includeGlobalServiceEvents',
    fix: 'set includeGlobalServiceEvents to true (or leave it unset), or make the trail single-Region',
    severity: TrailRuleSeverity.ERROR,
    check(view) {
      if (view.isMultiRegion !== true || view.includeGlobalEvents !== false) return [];
      return [
        {
          value: false,
          problem:
            'is false on a multi-Region trail (IsMultiRegionTrail true); CloudTrail rejects this with InvalidParameterCombinationException ' +
            '"Multi-Region trail must include global service events"',
        },
      ];
    },
  },
  stringRule(
    {
      id: 'ORGANIZATION_ID_FORMAT',
      constraint: "An AWS Organizations id is 'o-' followed by 10 to 32 lowercase letters or digits.",
      source: 'AWS Organizations API Organization Id (pattern ^o-[a-z0-9]{10,32}$)',
      cfnProperty: '-',
      prop: 'organizationId',
      fix: "use the id shown by `aws organizations describe-organization`, e.g. 'o-a1b2c3d4e5'",
    },
    (view) => view.organizationId,
    (id) => {
      const invalid =
        id.text !== undefined
          ? !/^o-[a-z0-9]{10,32}$/.test(id.text)
          : id.cannotStartWith('o-') || id.minLength > 34 || id.badCharacters(/^[a-z0-9-]$/).length > 0;
      return invalid ? "is not an organization id ('o-' and 10 to 32 lowercase letters or digits)" : undefined;
    },
  ),
];

/** Why CloudTrail would reject a trail name: the trail-name rules, run on the name alone. */
export function trailNameProblems(name: string): string[] {
  const view = trailView({ TrailName: name }, {});
  return Object.values(TRAIL_NAME)
    .flatMap((rule) => rule.check(view))
    .map((finding) => finding.problem);
}
