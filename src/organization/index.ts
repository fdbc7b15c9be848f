export * from './trail-guardrails';
export * from './organization-trail-prerequisites';
