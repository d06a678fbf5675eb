import { jsonNestedDeeperThan, MAX_JSON_DEPTH } from './json-depth.util';

describe('jsonNestedDeeperThan', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('measures array and object nesting', () => {
    expect(jsonNestedDeeperThan(nested(3), 3)).toBe(false);
    expect(jsonNestedDeeperThan(nested(4), 3)).toBe(true);
    expect(jsonNestedDeeperThan('{"a":{"b":{"c":[1]}}}', 3)).toBe(true);
    expect(jsonNestedDeeperThan('{"a":{"b":{"c":1}},"d":[[1]]}', 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestedDeeperThan(JSON.stringify({ body: '[[[[[[{{{{' }), 1)).toBe(false);
    expect(jsonNestedDeeperThan(JSON.stringify({ body: 'say \\"[[[[\\" "[[[[' }), 1)).toBe(false);
  });

  it('finds a batch nested 100,000 arrays deep without recursing', () => {
    expect(jsonNestedDeeperThan(`{"messages":${nested(100_000)}}`, MAX_JSON_DEPTH)).toBe(true);
  });
});
