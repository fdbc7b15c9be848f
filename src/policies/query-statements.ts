import * as iam from 'aws-cdk-lib/aws-iam';

/*
 * Identity-policy statements for querying a trail's log files with Athena. Resource types follow the Service
 * Authorization Reference: Athena's query actions take the workgroup, Glue's reads take the catalog, the database
 * and the table (Glue checks all three), S3 and KMS take the bucket, its objects and the key. Reading the log files
 * themselves uses `logFilesReadStatements` and `logFilesDecryptStatement` (grant-statements.ts): Athena reads S3 with
 * the caller's own permissions.
 */

/** Athena: run, watch, stop and read queries in one workgroup, and read its saved queries. */
export function athenaWorkGroupQueryStatement(workGroupArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: [
      'athena:GetWorkGroup',
      'athena:StartQueryExecution',
      'athena:StopQueryExecution',
      'athena:GetQueryExecution',
      'athena:BatchGetQueryExecution',
      'athena:ListQueryExecutions',
      'athena:GetQueryResults',
      'athena:GetQueryResultsStream',
      'athena:GetQueryRuntimeStatistics',
      'athena:GetNamedQuery',
      'athena:BatchGetNamedQuery',
      'athena:ListNamedQueries',
    ],
    resources: [workGroupArn],
  });
}

/**
 * Glue: read one database and one table's definition and partitions (Athena reads the table before it plans a
 * query; with partition projection it does not read partitions, but a projection turned off falls back to them).
 * Glue authorizes each call on the catalog, the database and the table, so all three are named, and nothing else.
 */
export function glueTableReadStatements(
  catalogArn: string,
  databaseArn: string,
  tableArn: string,
): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      actions: ['glue:GetDatabase'],
      resources: [catalogArn, databaseArn],
    }),
    new iam.PolicyStatement({
      actions: ['glue:GetTable', 'glue:GetPartition', 'glue:GetPartitions', 'glue:BatchGetPartition'],
      resources: [catalogArn, databaseArn, tableArn],
    }),
  ];
}

/** S3: Athena asks for the Region of each bucket a query reads or writes (`GetBucketLocation`). */
export function bucketLocationStatement(bucketArns: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['s3:GetBucketLocation'], resources: bucketArns });
}

/**
 * S3: Athena writes a query's results to the workgroup's results bucket and reads them back, as the caller
 * (multipart uploads included). The bucket holds nothing but this workgroup's results.
 */
export function queryResultsStatements(resultsBucketArn: string): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
      resources: [resultsBucketArn],
    }),
    new iam.PolicyStatement({
      actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      resources: [`${resultsBucketArn}/*`],
    }),
  ];
}

/**
 * KMS: encrypt and decrypt query results with the results key, only through S3 (`kms:ViaService`), which calls KMS
 * for SSE-KMS objects on the caller's behalf.
 */
export function queryResultsKeyStatement(resultsKeyArn: string, s3Service: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    resources: [resultsKeyArn],
    conditions: { StringEquals: { 'kms:ViaService': s3Service } },
  });
}
