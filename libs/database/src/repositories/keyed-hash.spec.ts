import { keyedHash } from './consent-erasure.repository';

describe('keyedHash', () => {
  it('hashes one account the same whatever the case of its id (issue 13, item 2)', () => {
    const id = '3f2b9c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e';
    expect(keyedHash('k', id.toUpperCase(), '+12025550100')).toBe(keyedHash('k', id, '+12025550100'));
    expect(keyedHash('k', id, '+12025550100')).not.toBe(keyedHash('k', '00000000-0000-4000-8000-000000000000', '+12025550100'));
  });
});
