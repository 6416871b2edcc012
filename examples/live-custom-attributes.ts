import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CustomAttributeDataType, UserPool, UserPoolCustomAttributes } from '../lib';

/** Custom attributes added to a deployed pool without replacing it (AddCustomAttributes). */
export class LiveCustomAttributesStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const userPool = new UserPool(this, 'Pool');
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show custom attributes added to a deployed pool; ThreatProtectionAndLogs shows the Plus tier.',
    });
    new UserPoolCustomAttributes(this, 'CustomAttributes', {
      userPool,
      attributes: [
        { name: 'tenant', max: 64 },
        { name: 'seats', dataType: CustomAttributeDataType.NUMBER, min: 1, max: 1000 },
        { name: 'joined', dataType: CustomAttributeDataType.DATE_TIME, mutable: false },
      ],
    });
  }
}

export function addLiveCustomAttributes(app: App): Stack {
  return new LiveCustomAttributesStack(app, 'LiveCustomAttributes');
}
