import { CsvRecord, CsvRecordReader } from './csv-record.reader';

/** Feeds `text` in chunks of `size` characters (and as bytes, so multi-byte characters get split). */
function readAll(text: string, size: number, max?: number): CsvRecord[] {
  const reader = new CsvRecordReader(max);
  const bytes = Buffer.from(text, 'utf8');
  const records: CsvRecord[] = [];
  for (let i = 0; i < bytes.length; i += size) records.push(...reader.push(bytes.subarray(i, i + size)));
  records.push(...reader.end());
  return records;
}

describe('CsvRecordReader', () => {
  const sample = '\uFEFFphone,optedOutAt,keyword\r\n+12025550100,2024-05-01,STOP\n\n"+12025550101","2024-05-02T10:00:00Z","say ""stop"", please"\n+12025550102,,ARRÊT\n"+1202\n5550103",x\n+12025550104';

  it.each([1, 2, 3, 7, 64, 100_000])('reads the same records whatever the chunk size (%i bytes)', (size) => {
    expect(readAll(sample, size)).toEqual([
      { row: 1, fields: ['phone', 'optedOutAt', 'keyword'] },
      { row: 2, fields: ['+12025550100', '2024-05-01', 'STOP'] },
      { row: 4, fields: ['+12025550101', '2024-05-02T10:00:00Z', 'say "stop", please'] },
      { row: 5, fields: ['+12025550102', '', 'ARRÊT'] },
      { row: 6, fields: ['+1202\n5550103', 'x'] },
      { row: 8, fields: ['+12025550104'] },
    ]);
  });

  it('reports an unclosed quote at the end of the file', () => {
    expect(readAll('+12025550100\n"+1202555', 4)).toEqual([
      { row: 1, fields: ['+12025550100'] },
      { row: 2, error: 'a quoted field is not closed before the end of the file' },
    ]);
  });

  it('reports an over-long row and carries on with the next line', () => {
    const long = 'x'.repeat(50);
    expect(readAll(`+1\n${long}\n+2\n`, 8, 20)).toEqual([
      { row: 1, fields: ['+1'] },
      { row: 2, error: 'the row is longer than 20 characters' },
      { row: 3, fields: ['+2'] },
    ]);
  });

  it('keeps no more than the unfinished record between chunks', () => {
    const reader = new CsvRecordReader();
    const lines = Array.from({ length: 1000 }, (_, i) => `+1202555${String(i).padStart(4, '0')}`).join('\n');
    const records = reader.push(Buffer.from(`${lines}\n+1202`));
    expect(records).toHaveLength(1000);
    expect((reader as unknown as { pending: string }).pending).toBe('+1202');
  });
});
