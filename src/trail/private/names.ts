/** The alias of the key a trail makes for itself. */
export function derivedKeyAlias(trailName: string): string {
  return `alias/cloudtrail/${trailName.replace(/\./g, '-')}`;
}

/** The name of the topic a trail makes for its log-delivery notifications. */
export function derivedTopicName(trailName: string): string {
  return `${trailName.replace(/\./g, '-')}-deliveries`;
}
