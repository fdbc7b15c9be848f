import * as path from 'path';
import { App, CloudFormationValidatePlugin } from 'aws-cdk-lib';

/**
 * aws-cdk-lib's own CloudFormation template validation (resource schemas, circular dependencies, ...) over template
 * files, in one call: every finding, one line each (`<template>: <rule> at <logical id> <locations>: <description>`).
 * In an app it runs at every synth; `@aws-cdk/core:validateAgainstDefaultRules` makes its findings errors, and here
 * every finding counts.
 */
export function cdkValidationFindings(files: string[]): string[] {
  if (files.length === 0) return [];
  const report = new CloudFormationValidatePlugin().validate({
    templatePaths: files,
    stackTemplates: files.map((templatePath) => ({
      stackConstructPath: path.basename(templatePath),
      templatePath,
      accountId: undefined,
      region: undefined,
    })),
    appConstruct: new App(),
  });
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map(
      (resource) =>
        `${resource.templatePath ?? '?'}: ${violation.ruleName} at ${resource.resourceLogicalId ?? '?'} ${resource.locations.join(', ')}: ${violation.description}`,
    ),
  );
}
