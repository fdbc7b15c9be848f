import { IConstruct } from 'constructs';

/** The path a construct will have, for messages thrown before it exists. */
export function childPath(scope: IConstruct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}
