#!/usr/bin/env bash
# Installs the packed library into a fresh CDK app outside this repository and synthesizes it with the AWS CDK CLI.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tarball="$(ls "$root"/dist/js/cdk-cloudtrail-kit@*.jsii.tgz | head -n 1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/test/consumer/app.js" "$root/test/consumer/check-template.js" "$work/"
cd "$work"
echo '{ "name": "consumer-app", "private": true }' > package.json
cdk_lib="$(node -p "require('$root/node_modules/aws-cdk-lib/package.json').version")"
constructs="$(node -p "require('$root/node_modules/constructs/package.json').version")"
cli="$(node -p "require('$root/node_modules/aws-cdk/package.json').version")"
npm install --no-audit --no-fund --loglevel=error "$tarball" "aws-cdk-lib@$cdk_lib" "constructs@$constructs" "aws-cdk@$cli"
npx cdk synth --app 'node app.js' --no-notices --quiet --output cdk.out
node check-template.js cdk.out/ConsumerStack.template.json
