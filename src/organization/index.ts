export * from './trail-guardrails';
