import { fingerprint, fingerprintOf } from '../../custom-resources/shared/fingerprint';

describe('fingerprint', () => {
  test('key order does not change it; values do', () => {
    expect(fingerprint({ a: 1, b: [{ x: 'y', z: 2 }] })).toEqual(fingerprint({ b: [{ z: 2, x: 'y' }], a: 1 }));
    expect(fingerprint({ a: 1 })).not.toEqual(fingerprint({ a: 2 }));
    expect(fingerprint({ a: 1 })).toMatch(/^[0-9a-f]{16}$/);
  });

  test.each([
    ['immutable-settings/App/Pool/0123456789abcdef', '0123456789abcdef'],
    ['us-east-1_pool/custom-attributes/fedcba9876543210', 'fedcba9876543210'],
    ['us-east-1_pool/mfa', undefined],
  ])('fingerprintOf(%s) is %s', (id, expected) => {
    expect(fingerprintOf(id)).toEqual(expected);
  });
});
