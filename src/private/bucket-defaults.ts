import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * What every bucket this library makes has, whatever it holds (log files, access logs, query results): no public
 * access, TLS 1.2 or later only, every version kept, and objects owned by the bucket owner with ACLs off. The rule
 * packs' S3 controls (cdk-nag, Security Hub, Control Tower) ask each of these.
 */
export const HARDENED_BUCKET = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  versioned: true,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
} as const;
