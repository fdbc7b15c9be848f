import { CisControl } from '../../monitoring/cis-controls';
import { TAMPER_EVENTS } from '../../policies/tamper-events';

/*
 * The saved investigations: the queries a security engineer runs first. Each reads only the days asked for (the
 * first two parameters bound the `timestamp` partition) and, when the table cannot list its accounts, one account.
 * Parameters are Athena execution parameters (`?`), given in order as SQL literals: '2026/11/01'.
 */

/** Where the table is and which partition predicates every query needs. */
export interface QueryTarget {
  readonly database: string;
  readonly table: string;
  readonly accountRequired: boolean;
}

/** One saved query, before it is given a table. */
export interface Investigation {
  /** The construct id of its `AWS::Athena::NamedQuery`. */
  readonly id: string;
  readonly name: string;
  readonly summary: string;
  /** The parameters after the date range (and account), in order. */
  readonly parameters: readonly string[];
  readonly select: readonly string[];
  readonly where: readonly string[];
  readonly groupBy?: string;
  readonly orderBy: string;
}

const PRINCIPAL = 'useridentity.arn AS principal';

function quoted(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
}

/** The event names of CIS 4.4 (Security Hub CloudWatch.4), read from the one filter pattern the alarms use. */
export function cisIamPolicyEventNames(): string[] {
  return [...CisControl.IAM_POLICY_CHANGES.filterPattern.matchAll(/\$\.eventName=(\w+)/g)].map((m) => m[1]);
}

/** Calls that change who may do what beyond CIS 4.4's policy calls: trust policies, boundaries, group membership. */
const MORE_PERMISSION_CHANGES = [
  'SetDefaultPolicyVersion',
  'UpdateAssumeRolePolicy',
  'PutRolePermissionsBoundary',
  'DeleteRolePermissionsBoundary',
  'PutUserPermissionsBoundary',
  'DeleteUserPermissionsBoundary',
  'AddUserToGroup',
  'RemoveUserFromGroup',
];

/** `(eventsource = '...' AND eventname IN (...)) OR ...`, one group per event source of TAMPER_EVENTS, in its order. */
function tamperCondition(): string {
  const bySource = new Map<string, string[]>();
  for (const event of TAMPER_EVENTS) {
    bySource.set(event.eventSource, [...(bySource.get(event.eventSource) ?? []), event.eventName]);
  }
  return `(${[...bySource].map(([source, names]) => `(eventsource = '${source}' AND eventname IN (${quoted(names)}))`).join(' OR ')})`;
}

/** The request parameter each tamper call names its target in, first one present. */
function tamperTarget(): string {
  const parameters = [...new Set(TAMPER_EVENTS.map((event) => event.parameter))];
  return `coalesce(${parameters.map((p) => `json_extract_scalar(requestparameters, '$.${p}')`).join(', ')}) AS target`;
}

/** Every saved investigation, in the order a responder would run them. */
const INVESTIGATIONS: readonly Investigation[] = [
  {
    id: 'RootUserActivity',
    name: 'Root user activity',
    summary: 'Calls made with the root user (CIS 4.3: not invoked by an AWS service, not a service event).',
    parameters: [],
    select: [
      'eventtime',
      '"account"',
      'awsregion',
      'eventsource',
      'eventname',
      'sourceipaddress',
      'useragent',
      'errorcode',
      'requestparameters',
    ],
    where: ["useridentity.type = 'Root'", 'useridentity.invokedby IS NULL', "eventtype <> 'AwsServiceEvent'"],
    orderBy: 'eventtime',
  },
  {
    id: 'ConsoleSignInWithoutMfa',
    name: 'Console sign-ins without MFA',
    summary: 'Successful console sign-ins of IAM users without MFA (CIS 4.2).',
    parameters: [],
    select: [
      'eventtime',
      '"account"',
      PRINCIPAL,
      'sourceipaddress',
      'useragent',
      "json_extract_scalar(additionaleventdata, '$.MFAUsed') AS mfa_used",
    ],
    where: [
      "eventsource = 'signin.amazonaws.com'",
      "eventname = 'ConsoleLogin'",
      "useridentity.type = 'IAMUser'",
      "json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success'",
      "coalesce(json_extract_scalar(additionaleventdata, '$.MFAUsed'), '') <> 'Yes'",
    ],
    orderBy: 'eventtime',
  },
  {
    id: 'IamPermissionChanges',
    name: 'IAM policy and permission changes',
    summary:
      'IAM policy changes (CIS 4.4), trust policy and permissions boundary changes, and group membership changes.',
    parameters: [],
    select: ['eventtime', '"account"', PRINCIPAL, 'eventname', 'requestparameters', 'errorcode', 'sourceipaddress'],
    where: [
      "eventsource = 'iam.amazonaws.com'",
      `eventname IN (${quoted([...cisIamPolicyEventNames(), ...MORE_PERMISSION_CHANGES])})`,
    ],
    orderBy: 'eventtime',
  },
  {
    id: 'TamperEvents',
    name: 'Trail tamper events',
    summary:
      'Calls that stop, delete or weaken a trail, its bucket policy or its key (the list the tamper alert watches), ' +
      'of any trail, bucket or key, denied calls included.',
    parameters: [],
    select: [
      'eventtime',
      '"account"',
      'awsregion',
      'eventsource',
      'eventname',
      PRINCIPAL,
      tamperTarget(),
      'errorcode',
      'sourceipaddress',
    ],
    where: [tamperCondition()],
    orderBy: 'eventtime',
  },
  {
    id: 'AccessDeniedByPrincipal',
    name: 'Access denied, by principal',
    summary: 'Calls refused for lack of permission (CIS 4.1), counted per principal (the role for role sessions).',
    parameters: [],
    select: [
      'coalesce(useridentity.sessioncontext.sessionissuer.arn, useridentity.arn) AS principal',
      'count(*) AS denied_calls',
      'approx_distinct(eventname) AS actions',
      'approx_distinct(sourceipaddress) AS source_ips',
      'min(eventtime) AS first_seen',
      'max(eventtime) AS last_seen',
    ],
    where: ["(errorcode LIKE '%UnauthorizedOperation' OR errorcode LIKE 'AccessDenied%')"],
    groupBy: '1',
    orderBy: 'denied_calls DESC',
  },
  {
    id: 'AccessKeyActivity',
    name: 'Activity of one access key',
    summary: 'Every call made with one access key (long-term AKIA... or temporary ASIA...).',
    parameters: ["the access key id, e.g. 'AKIAIOSFODNN7EXAMPLE'"],
    select: [
      'eventtime',
      '"account"',
      'awsregion',
      'eventsource',
      'eventname',
      PRINCIPAL,
      'sourceipaddress',
      'useragent',
      'errorcode',
      'requestparameters',
    ],
    where: ['useridentity.accesskeyid = ?'],
    orderBy: 'eventtime',
  },
  {
    id: 'SourceIpActivity',
    name: 'Calls from one source IP',
    summary: 'Every call made from one source IP address.',
    parameters: ["the source IP address, e.g. '198.51.100.7'"],
    select: [
      'eventtime',
      '"account"',
      'awsregion',
      'eventsource',
      'eventname',
      PRINCIPAL,
      'useridentity.accesskeyid',
      'useragent',
      'errorcode',
    ],
    where: ['sourceipaddress = ?'],
    orderBy: 'eventtime',
  },
  {
    id: 'PrincipalActivity',
    name: 'Activity of one principal',
    summary: 'Every call made by one principal: an IAM user or role session ARN, or a role ARN (all its sessions).',
    parameters: ["the principal ARN, e.g. 'arn:aws:iam::111122223333:role/Admin'"],
    select: [
      'eventtime',
      '"account"',
      'awsregion',
      'eventsource',
      'eventname',
      PRINCIPAL,
      'sourceipaddress',
      'useragent',
      'errorcode',
      'requestparameters',
    ],
    where: ['? IN (useridentity.arn, useridentity.sessioncontext.sessionissuer.arn)'],
    orderBy: 'eventtime',
  },
];

/** Every saved investigation, in the order a responder would run them. */
export function investigations(): readonly Investigation[] {
  return INVESTIGATIONS;
}

/** The parameters of a query over `target`, in order. */
export function parametersOf(investigation: Investigation, target: QueryTarget): string[] {
  return [
    "the first day, e.g. '2026/11/01'",
    "the last day, e.g. '2026/11/30'",
    ...(target.accountRequired ? ["the account id, e.g. '111122223333'"] : []),
    ...investigation.parameters,
  ];
}

/** The SQL of an investigation over `target`. */
export function sqlOf(investigation: Investigation, target: QueryTarget): string {
  const where = [
    '"timestamp" BETWEEN ? AND ?',
    ...(target.accountRequired ? ['"account" = ?'] : []),
    ...investigation.where,
  ];
  return [
    `SELECT ${investigation.select.join(',\n  ')}`,
    `FROM "${target.database}"."${target.table}"`,
    `WHERE ${where.join('\n  AND ')}`,
    ...(investigation.groupBy ? [`GROUP BY ${investigation.groupBy}`] : []),
    `ORDER BY ${investigation.orderBy}`,
  ].join('\n');
}

/** The description of a saved query: what it finds and its parameters, in order. */
export function descriptionOf(investigation: Investigation, target: QueryTarget): string {
  const parameters = parametersOf(investigation, target)
    .map((p, i) => `${i + 1}. ${p}`)
    .join('; ');
  return `${investigation.summary} Parameters, in order, as SQL literals: ${parameters}.`;
}
