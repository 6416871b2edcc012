import { Stack } from 'aws-cdk-lib';

/** One row of the bad-input table run by test/validation.test.ts. */
export interface ValidationCase {
  /** What is wrong, e.g. 'access token validity under 5 minutes'. */
  readonly name: string;
  /** Builds the invalid construct(s) in the given stack (env us-east-1, account 111111111111). */
  readonly build: (stack: Stack) => void;
  /**
   * The error expected: the exact message (string, matched as a substring) or a pattern.
   * It must name the construct path, the property, the value received and what is allowed.
   */
  readonly error: string | RegExp;
}
