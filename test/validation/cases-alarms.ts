import { UserPool, UserPoolAlarms } from '../../lib';
import { ValidationCase } from './case';

export const cases: ValidationCase[] = [
  {
    name: 'sign-in success ratio above 1',
    build: (stack) => new UserPoolAlarms(stack, 'Alarms', { userPool: new UserPool(stack, 'Pool'), minimumSignInSuccessRatio: 80 }),
    error: '[Stack/Alarms] minimumSignInSuccessRatio: received 80; allowed: a number greater than 0 and at most 1.',
  },
  {
    name: 'sign-in success ratio of 0',
    build: (stack) => new UserPoolAlarms(stack, 'Alarms', { userPool: new UserPool(stack, 'Pool'), minimumSignInSuccessRatio: 0 }),
    error: '[Stack/Alarms] minimumSignInSuccessRatio: received 0; allowed: a number greater than 0 and at most 1.',
  },
  {
    name: 'zero minimum sign-in attempts',
    build: (stack) => new UserPoolAlarms(stack, 'Alarms', { userPool: new UserPool(stack, 'Pool'), minimumSignInAttempts: 0 }),
    error: '[Stack/Alarms] minimumSignInAttempts: received 0; allowed: an integer from 1 to 10000.',
  },
  {
    name: 'fractional evaluation periods',
    build: (stack) => new UserPoolAlarms(stack, 'Alarms', { userPool: new UserPool(stack, 'Pool'), signInEvaluationPeriods: 2.5 }),
    error: '[Stack/Alarms] signInEvaluationPeriods: received 2.5; allowed: an integer from 1 to 100.',
  },
];
