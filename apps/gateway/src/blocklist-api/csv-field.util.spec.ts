import { csvField, csvLine } from './csv-field.util';

describe('csv fields', () => {
  it('quotes only what needs quoting', () => {
    expect(csvField('+12025550100')).toBe('+12025550100');
    expect(csvField(null)).toBe('');
    expect(csvField('say "stop", please')).toBe('"say ""stop"", please"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvLine(['+1', 2, null, 'a,b'])).toBe('+1,2,,"a,b"\n');
  });
});
