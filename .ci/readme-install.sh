#!/usr/bin/env bash
# Installs the library exactly as README.md's "## Install" says and synthesizes a CDK app with it. The first ```sh
# block under that heading runs as written, from a fresh clone, with three substitutions only: the clone URL (GitHub is
# not reachable: this repository's committed HEAD instead) and the two placeholder paths (a new CDK app, and the clone).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "ERROR: README.md '## Install': $*" >&2; exit 1; }

block="$(awk '
  /^## / { install = ($0 == "## Install") }
  install && !found && /^```sh[[:space:]]*$/ { inside = 1; found = 1; next }
  inside && /^```/ { inside = 0 }
  inside { print }
' "$root/README.md")"
[ -n "$block" ] || fail "no \`\`\`sh block"
echo "README install block:"
echo "$block" | sed 's/^/  | /'

# The shape this test relies on; anything else fails rather than testing less than the README says.
url="$(node -p "require('$root/package.json').repository.url")"
app_placeholder=/path/to/your/cdk-app
clone_placeholder=/path/to/cdk-cloudtrail-kit
grep -qF "git clone $url" <<<"$block" || fail "the block does not clone $url"
grep -qF "cd cdk-cloudtrail-kit" <<<"$block" || fail "the block does not enter the clone (cd cdk-cloudtrail-kit)"
grep -qE '(^|&& *)npm ci( |$)' <<<"$block" || fail "the block does not install the clone's dependencies with npm ci"
grep -qF "cd $app_placeholder" <<<"$block" || fail "the block does not enter the app ($app_placeholder)"
grep -qE "npm install $clone_placeholder/dist/js/cdk-cloudtrail-kit@[^ ]+\.jsii\.tgz" <<<"$block" \
  || fail "the block does not npm install the packed tarball from $clone_placeholder/dist/js"

# The user's app, before the README's steps: a CDK app in JavaScript with aws-cdk-lib, constructs and the CDK CLI at
# the versions the tests use, and one stack with the README's simplest trail.
app="$work/app"
mkdir -p "$app"
cdk_lib="$(node -p "require('$root/node_modules/aws-cdk-lib/package.json').version")"
constructs="$(node -p "require('$root/node_modules/constructs/package.json').version")"
cli="$(node -p "require('$root/node_modules/aws-cdk/package.json').version")"
echo '{ "name": "readme-app", "private": true }' > "$app/package.json"
echo '{ "app": "node app.js" }' > "$app/cdk.json"
cat > "$app/app.js" <<'JS'
const { App, Stack } = require('aws-cdk-lib');
const { SecureTrail } = require('cdk-cloudtrail-kit');

class AuditStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    new SecureTrail(this, 'Trail');
  }
}

const app = new App();
new AuditStack(app, 'AuditStack', { env: { account: '123456789012', region: 'us-east-1' } });
app.synth();
JS
(cd "$app" && npm install --no-audit --no-fund --loglevel=error "aws-cdk-lib@$cdk_lib" "constructs@$constructs" "aws-cdk@$cli")

# The clone's folder is named after the URL's last part, as it would be from GitHub.
mkdir -p "$work/origin"
ln -s "$root" "$work/origin/cdk-cloudtrail-kit"
script="${block//"$url"/"$work/origin/cdk-cloudtrail-kit"}"
script="${script//"$app_placeholder"/"$app"}"
script="${script//"$clone_placeholder"/"$work/cdk-cloudtrail-kit"}"
echo "Running it in $work:"
start=$SECONDS
(cd "$work" && bash -euo pipefail -c "$script")
echo "README install block: $((SECONDS - start))s"

# What the block packed is what users get: the Lambda bundles of the monitors must be in it.
tarball="$(ls "$work"/cdk-cloudtrail-kit/dist/js/cdk-cloudtrail-kit@*.jsii.tgz)"
listing="$(tar tzf "$tarball")"
grep -q '^package/assets/.*index\.js$' <<<"$listing" || fail "$tarball has no Lambda bundles (assets/)"

cd "$app"
npx cdk synth --strict --no-notices --quiet --output cdk.out
node -e "
  const t = require('./cdk.out/AuditStack.template.json');
  const trails = Object.values(t.Resources).filter((r) => r.Type === 'AWS::CloudTrail::Trail');
  if (trails.length !== 1) { console.error('expected one AWS::CloudTrail::Trail, found ' + trails.length); process.exit(1); }
  console.log('README install: AuditStack has its AWS::CloudTrail::Trail');
"
