import { IConstruct } from 'constructs';

/**
 * A stand-in for a construct that is about to be created, so that props can be validated
 * (with the right construct path in the error) before `super()` hands them to an
 * aws-cdk-lib base class whose own checks would otherwise fire first with other wording.
 */
export function pendingScope(scope: IConstruct, id: string): IConstruct {
  const path = scope.node.path ? `${scope.node.path}/${id}` : id;
  return { node: { path } } as unknown as IConstruct;
}
