import { gateKey } from './gate-keys';

describe('gateKey', () => {
  it('puts every spelling of one account id under one key (issue 13, item 2)', () => {
    const id = '3f2b9c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e';
    expect(gateKey('optout', id.toUpperCase(), '+12025550100')).toBe(gateKey('optout', id, '+12025550100'));
    expect(gateKey('optout', id, '+12025550100')).toBe(`optout:gate:{${id}}:+12025550100`);
  });
});
