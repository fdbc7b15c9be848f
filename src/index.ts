export * from './trail/trail-base';
export * from './trail/secure-trail';
export * from './storage/trail-bucket';
export * from './storage/access-logs-bucket';
export * from './encryption/trail-key';
export * from './delivery/cloudwatch-logs-delivery';
export * from './delivery/trail-topic';
