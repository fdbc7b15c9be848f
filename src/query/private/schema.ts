/*
 * The columns of a CloudTrail log table, exactly as the Athena User Guide gives them in "Create the table for
 * CloudTrail logs in Athena using partition projection" (names lowercase, as Athena stores them). JSON objects whose
 * shape depends on the API (requestParameters, responseElements, additionalEventData, serviceEventDetails,
 * edgeDeviceDetails) are STRING columns holding the JSON text: read them with json_extract_scalar.
 */

/** A Hive type: `string`, or a struct, array or map of Hive types. */
export type HiveType = 'string' | StructType | ArrayType | MapType;

export interface Field {
  readonly name: string;
  readonly type: HiveType;
}

export interface StructType {
  readonly struct: readonly Field[];
}

export interface ArrayType {
  readonly array: HiveType;
}

export interface MapType {
  readonly map: readonly [HiveType, HiveType];
}

const str = (...names: string[]): Field[] => names.map((name) => ({ name, type: 'string' }));
const struct = (name: string, fields: Field[]): Field => ({ name, type: { struct: fields } });

const USER_IDENTITY = struct('useridentity', [
  ...str('type', 'principalid', 'arn', 'accountid', 'invokedby', 'accesskeyid', 'username'),
  struct('onbehalfof', str('userid', 'identitystorearn')),
  struct('sessioncontext', [
    struct('attributes', str('mfaauthenticated', 'creationdate')),
    struct('sessionissuer', str('type', 'principalid', 'arn', 'accountid', 'username')),
    ...str('ec2roledelivery'),
    struct('webidfederationdata', [
      ...str('federatedprovider'),
      { name: 'attributes', type: { map: ['string', 'string'] } },
    ]),
  ]),
]);

/** Every data column, in the guide's order. */
export const CLOUDTRAIL_COLUMNS: readonly Field[] = [
  ...str('eventversion'),
  USER_IDENTITY,
  ...str(
    'eventtime',
    'eventsource',
    'eventname',
    'awsregion',
    'sourceipaddress',
    'useragent',
    'errorcode',
    'errormessage',
    'requestparameters',
    'responseelements',
    'additionaleventdata',
    'requestid',
    'eventid',
    'readonly',
  ),
  { name: 'resources', type: { array: { struct: str('arn', 'accountid', 'type') } } },
  ...str(
    'eventtype',
    'apiversion',
    'recipientaccountid',
    'serviceeventdetails',
    'sharedeventid',
    'vpcendpointid',
    'vpcendpointaccountid',
    'eventcategory',
  ),
  struct('addendum', str('reason', 'updatedfields', 'originalrequestid', 'originaleventid')),
  ...str('sessioncredentialfromconsole', 'edgedevicedetails'),
  struct('tlsdetails', str('tlsversion', 'ciphersuite', 'clientprovidedhostheader')),
];

/** The type as Glue and Athena write it: `struct<type:string,...>`, `array<...>`, `map<string,string>`. */
export function hiveTypeName(type: HiveType): string {
  if (type === 'string') return 'string';
  if ('struct' in type) return `struct<${type.struct.map((f) => `${f.name}:${hiveTypeName(f.type)}`).join(',')}>`;
  if ('array' in type) return `array<${hiveTypeName(type.array)}>`;
  return `map<${hiveTypeName(type.map[0])},${hiveTypeName(type.map[1])}>`;
}

/** Columns that hold a JSON object as text. */
export const JSON_TEXT_COLUMNS: readonly string[] = [
  'requestparameters',
  'responseelements',
  'additionaleventdata',
  'serviceeventdetails',
  'edgedevicedetails',
];

/** The SerDe and formats the guide uses. */
export const SERDE_LIBRARY = 'org.apache.hive.hcatalog.data.JsonSerDe';
export const INPUT_FORMAT = 'com.amazon.emr.cloudtrail.CloudTrailInputFormat';
export const OUTPUT_FORMAT = 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat';
