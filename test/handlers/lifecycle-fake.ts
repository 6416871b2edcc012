// A small stateful fake behind aws-sdk-client-mock, for the lifecycle matrices of the operations
// cognito-local lacks: each operation is a function of the fake's state; every call is recorded;
// a call can fail before it lands (the Nth call of an operation) or land and lose its answer.
import type { AwsStub } from 'aws-sdk-client-mock';

export interface FakeCall {
  readonly operation: string;
  readonly input: any;
}

/** Decides, per call, what happens to it (`nth`: the how-manieth call of that operation since the last reset). */
export interface FakeFaults {
  /** An error name to fail the call with before it lands (HTTP 400: not retried). */
  inject?: (operation: string, input: any, nth: number) => string | undefined;
  /** True to apply the call and then answer with an HTTP 500 (the write landed, the answer is lost). */
  lose?: (operation: string, input: any, nth: number) => boolean;
}

export interface Fake {
  readonly calls: FakeCall[];
  /** The operations whose call landed and whose answer was lost. */
  readonly lost: string[];
  faults: FakeFaults;
  reset(): void;
  /** The operations called, in order. */
  operations(): string[];
  /** The calls of one operation: their inputs. */
  inputs(operation: string): any[];
}

type Operation = [command: new (input: any) => any, apply: (input: any) => any];

/** A Cognito error as the SDK raises it. */
export function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

/** Installs `operations` on `mock`; what any other command does is left to the mock. */
export function installFake(mock: AwsStub<any, any, any>, operations: Operation[]): Fake {
  const seen = new Map<string, number>();
  const fake: Fake = {
    calls: [],
    lost: [],
    faults: {},
    reset() {
      fake.calls.length = 0;
      fake.lost.length = 0;
      seen.clear();
      fake.faults = {};
    },
    operations: () => fake.calls.map((c) => c.operation),
    inputs: (operation) => fake.calls.filter((c) => c.operation === operation).map((c) => c.input),
  };
  for (const [command, apply] of operations) {
    const operation = command.name.replace(/Command$/, '');
    mock.on(command).callsFake(async (input: any) => {
      fake.calls.push({ operation, input });
      const nth = (seen.get(operation) ?? 0) + 1;
      seen.set(operation, nth);
      const injected = fake.faults.inject?.(operation, input, nth);
      if (injected) throw awsError(injected, `Injected ${injected}`);
      const output = apply(input);
      if (fake.faults.lose?.(operation, input, nth)) {
        fake.lost.push(operation);
        throw awsError('InternalErrorException', 'Internal error (response lost)', 500);
      }
      return output;
    });
  }
  return fake;
}
