/**
 * The switch that makes every default of this library equal aws-cdk-lib's, for a team that swaps
 * the import of a deployed aws-cdk-lib pool and wants no change in `cdk diff`.
 *
 * Set it in `cdk.json` (`"context": { "cdk-cognito-userpools:awsCdkLibDefaults": true }`), with
 * `cdk synth -c cdk-cognito-userpools:awsCdkLibDefaults=true`, or in code with
 * `app.node.setContext(AwsCdkLibCompatibility.CONTEXT_KEY, true)` before any construct is added.
 * Props set explicitly always win over the defaults of either mode.
 */
export class AwsCdkLibCompatibility {
  /**
   * The context key: `true` (or the string `"true"`) turns aws-cdk-lib's defaults on; `false`,
   * `"false"` or no value keeps this library's secure defaults. Any other value is refused at
   * synth.
   */
  public static readonly CONTEXT_KEY = 'cdk-cognito-userpools:awsCdkLibDefaults';

  private constructor() {}
}
