import { ImportColumn, importMessageId, parseOptedOutAt, POSITIONAL_COLUMNS, prepareImportRow, readHeader } from './import-row.util';

describe('import rows', () => {
  const context = { defaultCountry: null, importedAt: new Date('2026-11-26T12:00:00.000Z'), now: Date.parse('2026-11-26T12:00:00.000Z') };

  it('reads a header in any order and refuses unknown names', () => {
    expect(readHeader(['+12025550100', '2024-01-01'])).toEqual({ header: false });
    expect(readHeader(['Keyword', 'PHONE', 'opted_out_at'])).toEqual({ header: true, columns: ['keyword', 'phone', 'optedOutAt'] });
    expect(readHeader(['phone', 'name'])).toEqual({ header: true, error: expect.stringContaining('"name"') });
    expect(readHeader(['phone', 'Phone'])).toEqual({ header: true, error: 'the header names phone twice' });
    // The export's own header imports back; its source column is ignored.
    const exported = readHeader(['phone', 'optedOutAt', 'keyword', 'source']) as { columns: ImportColumn[] };
    expect(prepareImportRow(['+12025550100', '2024-05-01T00:00:00.000Z', 'STOP', 'sms'], exported.columns, context)).toMatchObject({ phone: '+12025550100', keyword: 'STOP' });
  });

  it('normalises a row and derives its message id from its content', () => {
    const row = prepareImportRow([' +1 (202) 555-0100 ', '2024-05-01', ' STOP '], POSITIONAL_COLUMNS, context);
    expect(row).toEqual({
      phone: '+12025550100',
      receivedAt: '2024-05-01T00:00:00.000Z',
      keyword: 'STOP',
      sourceMessageId: importMessageId('+12025550100', '2024-05-01T00:00:00.000Z', 'STOP'),
    });
    // The same opt-out written another way is the same ledger row.
    expect(prepareImportRow(['+12025550100', '2024-05-01T00:00:00Z', 'STOP'], POSITIONAL_COLUMNS, context)).toEqual(row);
    expect(prepareImportRow(['+12025550100', '2024-05-01T02:00:00+02:00', 'STOP'], POSITIONAL_COLUMNS, context)).toEqual(row);
  });

  it('dates a row without optedOutAt at the import and keeps its id stable across imports', () => {
    const first = prepareImportRow(['+12025550100'], POSITIONAL_COLUMNS, context);
    const later = prepareImportRow(['+12025550100', '', ''], POSITIONAL_COLUMNS, { ...context, importedAt: new Date('2027-01-01T00:00:00Z') });
    expect(first).toMatchObject({ receivedAt: '2026-11-26T12:00:00.000Z', keyword: '' });
    expect((later as { sourceMessageId: string }).sourceMessageId).toBe((first as { sourceMessageId: string }).sourceMessageId);
  });

  it('reads national numbers with the account default country only', () => {
    expect(prepareImportRow(['(202) 555-0100'], POSITIONAL_COLUMNS, { ...context, defaultCountry: 'US' })).toMatchObject({ phone: '+12025550100' });
    expect(prepareImportRow(['(202) 555-0100'], POSITIONAL_COLUMNS, context)).toMatchObject({ code: 'invalid_phone' });
  });

  it('says what is wrong with a bad row', () => {
    expect(prepareImportRow(['hello'], POSITIONAL_COLUMNS, context)).toEqual({ code: 'invalid_phone', message: 'phone "hello" contains letters' });
    expect(prepareImportRow(['+12025550100', '2024-02-30'], POSITIONAL_COLUMNS, context)).toMatchObject({ code: 'invalid_opted_out_at' });
    expect(prepareImportRow(['+12025550100', '2027-01-01'], POSITIONAL_COLUMNS, context)).toEqual({ code: 'invalid_opted_out_at', message: 'optedOutAt 2027-01-01 is in the future' });
    expect(prepareImportRow(['+12025550100', '', 'K'.repeat(65)], POSITIONAL_COLUMNS, context)).toMatchObject({ code: 'invalid_keyword' });
    expect(prepareImportRow(['+12025550100', '', Buffer.from([0x41, 0xff]).toString('utf8')], POSITIONAL_COLUMNS, context)).toMatchObject({ code: 'invalid_keyword', message: expect.stringContaining('UTF-8') });
    expect(prepareImportRow(['+12025550100', '', 'STOP', 'extra'], POSITIONAL_COLUMNS, context)).toMatchObject({ code: 'too_many_columns' });
    // Trailing empty columns (spreadsheets add them) are not an error.
    expect(prepareImportRow(['+12025550100', '', 'STOP', '', ''], POSITIONAL_COLUMNS, context)).toMatchObject({ phone: '+12025550100' });
  });

  it('parses ISO-8601 dates and date-times as UTC', () => {
    expect(parseOptedOutAt('2024-05-01')).toBe(Date.parse('2024-05-01T00:00:00Z'));
    expect(parseOptedOutAt('2024-05-01 09:30')).toBe(Date.parse('2024-05-01T09:30:00Z'));
    expect(parseOptedOutAt('2024-05-01T09:30:15.123456Z')).toBe(Date.parse('2024-05-01T09:30:15.123Z'));
    expect(parseOptedOutAt('2024-05-01T09:30:15-0500')).toBe(Date.parse('2024-05-01T14:30:15Z'));
    expect(parseOptedOutAt('2024-02-29')).toBe(Date.parse('2024-02-29T00:00:00Z'));
    for (const bad of ['2023-02-29', '2024-13-01', '01/05/2024', '2024-05-01T25:00', 'yesterday', '2024-05-01T10:00:00+24:00']) {
      expect(parseOptedOutAt(bad)).toBeNull();
    }
  });
});
