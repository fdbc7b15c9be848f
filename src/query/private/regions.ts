import { Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * The Regions a table projects by default: every Region aws-cdk-lib knows in the stack's partition (a multi-Region
 * trail writes a folder for each Region it logs), or every Region it knows when the stack's Region is not known at
 * synth or is one it does not know yet, so that the right partition's Regions are among them; the stack's own Region
 * always. A Region with no folder costs one empty S3 listing per day queried.
 */
export function defaultRegions(stack: Stack): string[] {
  const all = RegionInfo.regions;
  const region = stack.region;
  if (Token.isUnresolved(region)) return all.map((r) => r.name);
  const partition = RegionInfo.get(region).partition;
  const regions = all.filter((r) => partition === undefined || r.partition === partition).map((r) => r.name);
  return regions.includes(region) ? regions : [...regions, region];
}
