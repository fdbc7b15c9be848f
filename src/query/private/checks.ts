import { Token } from 'aws-cdk-lib';

/*
 * Values Glue, Athena or CloudTrail would reject, checked when they are known at synth (a token is never wrong).
 */

const GLUE_NAME = /^[a-z0-9_]{1,255}$/;
const WORKGROUP_NAME = /^[a-zA-Z0-9._-]{1,128}$/;
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;
const ORGANIZATION = /^o-[a-z0-9]{10,32}$/;
const DAY = /^(\d{4})\/(\d{2})\/(\d{2})$/;

function known(value: string | undefined): value is string {
  return value !== undefined && value !== null && !Token.isUnresolved(value);
}

/** A Glue database or table name Athena can query: lowercase letters, digits and `_`, 1 to 255 characters. */
export function checkGlueName(path: string, prop: string, value: string | undefined): void {
  if (!known(value) || GLUE_NAME.test(value)) return;
  const fix = value.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 255) || 'cloudtrail_logs';
  throw new Error(`${path}: ${prop} '${value}' is not a name Athena can query: use 1 to 255 lowercase letters, digits ` +
    `and '_' (${value.length} characters given), e.g. '${fix}'.`);
}

/** An Athena workgroup name: 1 to 128 of `a-z`, `A-Z`, `0-9`, `.`, `_` and `-`. */
export function checkWorkGroupName(path: string, value: string | undefined): void {
  if (!known(value) || WORKGROUP_NAME.test(value)) return;
  throw new Error(`${path}: workGroupName '${value}' is not a valid Athena workgroup name: use 1 to 128 letters, digits, ` +
    `'.', '_' and '-' (${value.length} characters given).`);
}

/** A list Athena projects as an enum: not empty, each value of the right form. */
export function checkList(path: string, prop: string, values: string[] | undefined, kind: 'account' | 'region'): void {
  if (values === undefined || values === null || Token.isUnresolved(values)) return;
  if (values.length === 0) {
    throw new Error(`${path}: ${prop} is empty, so the table would find no log files. List at least one ${kind}, or leave ` +
      `${prop} out for the default.`);
  }
  const form = kind === 'account' ? ACCOUNT : REGION;
  const wrong = values.filter((v) => known(v) && !form.test(v));
  if (wrong.length > 0) {
    const expected = kind === 'account' ? 'a 12-digit account id such as \'111122223333\'' : 'a Region such as \'us-east-1\'';
    throw new Error(`${path}: ${prop} holds ${wrong.map((v) => `'${v}'`).join(', ')}, not ${expected}.`);
  }
  const seen = new Set<string>();
  for (const v of values) {
    if (known(v) && v.includes(',')) throw new Error(`${path}: ${prop} value '${v}' contains ',', which separates the values Athena projects.`);
    if (known(v) && seen.has(v)) throw new Error(`${path}: ${prop} lists '${v}' twice; list each ${kind} once.`);
    seen.add(v);
  }
}

/** An AWS Organizations organization id: `o-` and 10 to 32 lowercase letters or digits. */
export function checkOrganizationId(path: string, value: string | undefined): void {
  if (!known(value) || ORGANIZATION.test(value)) return;
  throw new Error(`${path}: organizationId '${value}' is not an organization id: expected 'o-' followed by 10 to 32 ` +
    'lowercase letters or digits, e.g. \'o-a1b2c3d4e5\'.');
}

/** A calendar day as `yyyy/MM/dd`. */
export function checkDay(path: string, prop: string, value: string | undefined): void {
  if (!known(value)) return;
  const match = DAY.exec(value);
  const valid = match !== null && (() => {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  })();
  if (!valid) {
    throw new Error(`${path}: ${prop} '${value}' is not a day written as yyyy/MM/dd (the format of CloudTrail's folders), ` +
      'e.g. \'2024/01/31\'.');
  }
}

/** A trail's S3 key prefix: CloudTrail takes at most 200 characters. */
export function checkKeyPrefix(path: string, value: string | undefined): void {
  if (!known(value) || value.length <= 200) return;
  throw new Error(`${path}: s3KeyPrefix has ${value.length} characters; a trail's S3 key prefix has at most 200, so no trail ` +
    'writes there. Give the prefix exactly as the trail has it.');
}
