/*
 * CloudTrail records written here from the documented record shape (CloudTrail User Guide: "CloudTrail record
 * contents", "CloudTrail userIdentity element", "CloudTrail log file examples", network activity and AWS service
 * events), with example values: one of each kind of event the table must read. Field names are as CloudTrail writes
 * them (camelCase); Athena's JSON SerDe matches them to the lowercase columns.
 */

const TLS = {
  tlsVersion: 'TLSv1.3',
  cipherSuite: 'TLS_AES_128_GCM_SHA256',
  clientProvidedHostHeader: 'cloudtrail.us-east-1.amazonaws.com',
};

export const SAMPLE_RECORDS: Array<Record<string, unknown>> = [
  // A console sign-in of an IAM user without MFA (CIS 4.2 matches it).
  {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDACKCEVSQ6C2EXAMPLE',
      arn: 'arn:aws:iam::111111111111:user/alice',
      accountId: '111111111111',
      userName: 'alice',
    },
    eventTime: '2026-11-23T08:14:02Z',
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
    requestParameters: null,
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: 'No' },
    eventID: '3fcfb760-6a3c-4b2d-9a58-0cb1e1a7a001',
    readOnly: false,
    eventType: 'AwsConsoleSignIn',
    managementEvent: true,
    recipientAccountId: '111111111111',
    eventCategory: 'Management',
    tlsDetails: { ...TLS, clientProvidedHostHeader: 'signin.aws.amazon.com' },
  },
  // A data event of a role session (S3 GetObject), with resources and the session's issuer.
  {
    eventVersion: '1.10',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLEID:responder',
      arn: 'arn:aws:sts::111111111111:assumed-role/Responder/responder',
      accountId: '111111111111',
      accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAEXAMPLEID',
          arn: 'arn:aws:iam::111111111111:role/Responder',
          accountId: '111111111111',
          userName: 'Responder',
        },
        attributes: { creationDate: '2026-11-23T08:00:00Z', mfaAuthenticated: 'true' },
        ec2RoleDelivery: '2.0',
      },
    },
    eventTime: '2026-11-23T08:20:11Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '203.0.113.10',
    userAgent: '[aws-cli/2.15.0]',
    requestParameters: { bucketName: 'reports', key: 'q3.csv', Host: 'reports.s3.eu-west-1.amazonaws.com' },
    responseElements: null,
    additionalEventData: {
      SignatureVersion: 'SigV4',
      CipherSuite: 'TLS_AES_128_GCM_SHA256',
      bytesTransferredOut: 2048,
    },
    requestID: 'EXAMPLE123456789',
    eventID: '7d0b8a1e-8c11-4b3f-b9a4-5f0e0b2a9002',
    readOnly: true,
    resources: [
      { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::reports/q3.csv' },
      { accountId: '111111111111', type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::reports' },
    ],
    eventType: 'AwsApiCall',
    managementEvent: false,
    recipientAccountId: '111111111111',
    sharedEventID: 'b7f1a8f2-2c4e-4a43-8f0c-7d2c1e9a9003',
    vpcEndpointId: 'vpce-1a2b3c4d',
    eventCategory: 'Data',
    tlsDetails: TLS,
  },
  // A call of the root user, refused (errorCode and errorMessage).
  {
    eventVersion: '1.09',
    userIdentity: {
      type: 'Root',
      principalId: '111111111111',
      arn: 'arn:aws:iam::111111111111:root',
      accountId: '111111111111',
      accessKeyId: 'ASIAROOTEXAMPLE',
    },
    eventTime: '2026-11-23T09:01:44Z',
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StopLogging',
    awsRegion: 'us-east-1',
    sourceIPAddress: '192.0.2.44',
    userAgent: 'aws-internal/3',
    errorCode: 'AccessDenied',
    errorMessage:
      'User: arn:aws:iam::111111111111:root is not authorized to perform: cloudtrail:StopLogging with an explicit deny in a service control policy',
    requestParameters: { name: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/main' },
    responseElements: null,
    requestID: 'f4b1c2d3-0000-4a5b-8c9d-0e1f2a3b9004',
    eventID: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b9004',
    readOnly: false,
    eventType: 'AwsApiCall',
    apiVersion: '2013-11-01',
    managementEvent: true,
    recipientAccountId: '111111111111',
    eventCategory: 'Management',
    sessionCredentialFromConsole: 'true',
    tlsDetails: TLS,
  },
  // An AWS service event (no caller: the service acts), with its details.
  {
    eventVersion: '1.08',
    userIdentity: { accountId: '111111111111', invokedBy: 'kms.amazonaws.com' },
    eventTime: '2026-11-23T00:00:03Z',
    eventSource: 'kms.amazonaws.com',
    eventName: 'RotateKey',
    awsRegion: 'us-east-1',
    sourceIPAddress: 'kms.amazonaws.com',
    userAgent: 'kms.amazonaws.com',
    requestParameters: null,
    responseElements: null,
    additionalEventData: { keyId: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    eventID: 'c1d2e3f4-a5b6-4c7d-8e9f-a0b1c2d39005',
    readOnly: false,
    resources: [
      {
        ARN: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        accountId: '111111111111',
        type: 'AWS::KMS::Key',
      },
    ],
    eventType: 'AwsServiceEvent',
    managementEvent: true,
    recipientAccountId: '111111111111',
    serviceEventDetails: { keyRotationStatus: 'completed' },
    eventCategory: 'Management',
  },
  // A network activity event: a call through a VPC endpoint of another account, denied by the endpoint policy.
  {
    eventVersion: '1.11',
    userIdentity: { type: 'AWSAccount', principalId: '', accountId: '444444444444' },
    eventTime: '2026-11-23T10:12:00Z',
    eventSource: 'kms.amazonaws.com',
    eventName: 'Decrypt',
    awsRegion: 'us-east-1',
    sourceIPAddress: '10.0.1.25',
    userAgent: 'Boto3/1.35.0',
    errorCode: 'VpceAccessDenied',
    errorMessage: 'The request was denied due to a VPC endpoint policy',
    requestID: 'EXAMPLE-REQUEST-9006',
    eventID: 'e1f2a3b4-c5d6-4e7f-8a9b-c0d1e2f39006',
    eventType: 'AwsVpceEvent',
    recipientAccountId: '111111111111',
    sharedEventID: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b9006',
    vpcEndpointId: 'vpce-0aa11bb22cc33dd44',
    vpcEndpointAccountId: '111111111111',
    eventCategory: 'NetworkActivity',
  },
  // A federated (Identity Center) session, an event updated later (addendum), an edge device.
  {
    eventVersion: '1.10',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAFEDEXAMPLE:alice@example.com',
      arn: 'arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice@example.com',
      accountId: '111111111111',
      accessKeyId: 'ASIAFEDEXAMPLE',
      onBehalfOf: {
        userId: '94482488-3041-7026-18f3-be45837cd0e4',
        identityStoreArn: 'arn:aws:identitystore::111111111111:identitystore/d-1234567890',
      },
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAFEDEXAMPLE',
          arn: 'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef',
          accountId: '111111111111',
          userName: 'AWSReservedSSO_Admin_0123456789abcdef',
        },
        webIdFederationData: {
          federatedProvider: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com',
          attributes: { sub: 'repo:org/app:ref:refs/heads/main' },
        },
        attributes: { creationDate: '2026-11-23T07:00:00Z', mfaAuthenticated: 'false' },
      },
    },
    eventTime: '2026-11-23T07:30:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'AttachRolePolicy',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.99',
    userAgent: 'AWS Internal',
    requestParameters: { roleName: 'Builder', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    responseElements: null,
    requestID: '5c6d7e8f-0000-4a1b-9c2d-3e4f5a6b9007',
    eventID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b9007',
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111111111111',
    eventCategory: 'Management',
    addendum: {
      reason: 'UPDATED_DATA',
      updatedFields: 'userIdentity',
      originalRequestID: '5c6d7e8f-0000-4a1b-9c2d-3e4f5a6b0000',
      originalEventID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b0000',
    },
    sessionCredentialFromConsole: 'true',
    edgeDeviceDetails: { type: 'outposts', deviceID: 'op-0123456789abcdef' },
    tlsDetails: TLS,
  },
];

/**
 * Documented top-level fields the Athena guide's table has no column for, and why that loses nothing. The JSON SerDe
 * skips fields without a column.
 */
export const NOT_IN_GUIDE_TABLE: Record<string, string> = {
  managementEvent: 'eventCategory says the same (Management, Data or NetworkActivity)',
};
