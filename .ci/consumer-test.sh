#!/usr/bin/env bash
# Installs the packed library into a fresh CDK app outside this repository and synthesizes it with the AWS CDK CLI.
# CDK_LIB_VERSION picks the aws-cdk-lib the app uses (default: the one the tests run); the node on PATH runs it all.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tarball="$(ls "$root"/dist/js/cdk-cloudtrail-kit@*.jsii.tgz | head -n 1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/test/consumer/app.js" "$root/test/consumer/check-template.js" "$work/"
cd "$work"
echo '{ "name": "consumer-app", "private": true }' > package.json
cdk_lib="${CDK_LIB_VERSION:-$(node -p "require('$root/node_modules/aws-cdk-lib/package.json').version")}"
constructs="$(node -p "require('$root/node_modules/constructs/package.json').version")"
cli="$(node -p "require('$root/node_modules/aws-cdk/package.json').version")"
echo "consumer app: node $(node --version), aws-cdk-lib $cdk_lib, constructs $constructs, aws-cdk $cli"
npm install --no-audit --no-fund --loglevel=error "$tarball" "aws-cdk-lib@$cdk_lib" "constructs@$constructs" "aws-cdk@$cli"
npx cdk synth --app 'node app.js' --no-notices --quiet --output cdk.out
node check-template.js cdk.out/ConsumerStack.template.json
