import { ApiException } from '../http/api.exception';
import { MAX_EVENT_IDS, parseEventIds } from './event-outcomes.controller';

const ID = '3f0c7f5e-8d0b-4f4e-9a53-7f4a3c2b1d10';
const OTHER = '9a1c7f5e-8d0b-4f4e-9a53-7f4a3c2b1d11';

function ruleOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return ((error as ApiException).getResponse() as { error: { details: Array<{ rule: string }> } }).error.details[0]?.rule;
  }
  return undefined;
}

describe('parseEventIds', () => {
  it('takes repeated and comma-separated ids, once each, in lower case', () => {
    expect(parseEventIds([`${ID},${OTHER.toUpperCase()}`, ID])).toEqual([ID, OTHER]);
    expect(parseEventIds(ID)).toEqual([ID]);
  });

  it('refuses none, too many and anything that is not a UUID, naming the rule', () => {
    expect(ruleOf(() => parseEventIds(undefined))).toBe('required');
    expect(ruleOf(() => parseEventIds(' , '))).toBe('required');
    expect(ruleOf(() => parseEventIds(`${ID},1' OR '1'='1`))).toBe('uuid');
    const many = Array.from({ length: MAX_EVENT_IDS + 1 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
    expect(ruleOf(() => parseEventIds(many.join(',')))).toBe('max_items');
    expect(parseEventIds(many.slice(0, MAX_EVENT_IDS).join(','))).toHaveLength(MAX_EVENT_IDS);
  });
});
