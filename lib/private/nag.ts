import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * How cdk-nag names a resource in its finding ids (`AwsSolutions-IAM5[Resource::...]`): the
 * resolved value, with `<Logical.Attr>` / `<AWS::Partition>`-style placeholders for references
 * and joins flattened. An acknowledgement must use exactly this name.
 */
export function nagResourceName(scope: IConstruct, resource: unknown): string {
  const render = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object') {
      const v = value as { [key: string]: any };
      if ('Ref' in v) return `<${v.Ref}>`;
      if ('Fn::GetAtt' in v) return `<${v['Fn::GetAtt'].join('.')}>`;
      if ('Fn::Join' in v) return (v['Fn::Join'][1] as unknown[]).map(render).join(v['Fn::Join'][0]);
    }
    return JSON.stringify(value);
  };
  return render(Stack.of(scope).resolve(resource));
}
