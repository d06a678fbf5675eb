import { StringDecoder } from 'node:string_decoder';

/** One CSV record: its fields, or why it could not be read. `row` is the line it starts on (1-based). */
export type CsvRecord = { row: number; fields: string[] } | { row: number; error: string };

/**
 * An incremental RFC 4180 reader: feed it chunks as they arrive, get back the records they
 * complete. Only the unfinished tail of the last record is kept between chunks, so memory is
 * bounded by the longest record (`maxRecordChars`), never by the file. Quoted fields may hold
 * commas, doubled quotes and line breaks; CRLF and LF both end a record; a leading UTF-8 BOM
 * is dropped; blank lines are skipped (but counted, so that `row` is the line a spreadsheet or
 * an editor shows). A record longer than the limit is reported and skipped up to the next line.
 */
export class CsvRecordReader {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private line = 1;
  private started = false;
  /** Discarding an over-long record up to its end of line. */
  private skipping = false;

  constructor(private readonly maxRecordChars = 4_096) {}

  push(chunk: Buffer | string): CsvRecord[] {
    return this.read(typeof chunk === 'string' ? chunk : this.decoder.write(chunk), false);
  }

  /** The end of the input: the last record, even without a final line break. */
  end(): CsvRecord[] {
    return this.read(this.decoder.end(), true);
  }

  private read(decoded: string, final: boolean): CsvRecord[] {
    let text = this.pending + decoded;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const records: CsvRecord[] = [];
    let pos = 0;
    if (this.skipping) {
      const newline = text.indexOf('\n');
      if (newline === -1) {
        this.pending = '';
        return records;
      }
      this.skipping = false;
      this.line++;
      pos = newline + 1;
    }
    // Where the next quote is: found once and reused, so that a chunk without quotes is one scan.
    let nextQuote = text.indexOf('"', pos);
    while (pos < text.length) {
      const newline = text.indexOf('\n', pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      const simple = nextQuote === -1 || (newline !== -1 && nextQuote > newline);
      if (simple) {
        if (newline === -1 && !final) break;
        const end = newline === -1 ? text.length : newline;
        const content = text.charCodeAt(end - 1) === 13 && end > pos ? text.slice(pos, end - 1) : text.slice(pos, end);
        if (content.length > this.maxRecordChars) records.push(this.tooLong());
        else if (content.length > 0) records.push({ row: this.line, fields: content.split(',') });
        this.line++;
        pos = end + 1;
        continue;
      }
      const quoted = parseQuotedRecord(text, pos, final);
      if (!quoted) break;
      if ('error' in quoted) {
        records.push({ row: this.line, error: quoted.error });
        pos = text.length;
        break;
      }
      if (quoted.end - pos > this.maxRecordChars) records.push(this.tooLong());
      else records.push({ row: this.line, fields: quoted.fields });
      this.line += quoted.lineBreaks;
      pos = quoted.end;
    }
    this.pending = pos >= text.length ? '' : text.slice(pos);
    if (this.pending.length > this.maxRecordChars) {
      records.push(this.tooLong());
      this.pending = '';
      this.skipping = true;
    }
    return records;
  }

  private tooLong(): CsvRecord {
    return { row: this.line, error: `the row is longer than ${this.maxRecordChars} characters` };
  }
}

type QuotedRecord = { fields: string[]; end: number; lineBreaks: number } | { error: string };

/**
 * One record that has a quote somewhere, read character by character from `start`. Null when
 * the text ends before the record does (more input will come). `end` is just past its line break.
 */
function parseQuotedRecord(text: string, start: number, final: boolean): QuotedRecord | null {
  const fields: string[] = [];
  let field = '';
  let lineBreaks = 0;
  let i = start;
  for (;;) {
    if (i >= text.length) {
      if (!final) return null;
      fields.push(field);
      return { fields, end: i, lineBreaks: lineBreaks + 1 };
    }
    const c = text[i];
    if (c === '"' && field.length === 0) {
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) {
          if (!final) return null;
          return { error: 'a quoted field is not closed before the end of the file' };
        }
        const part = text.slice(i, close);
        for (let k = part.indexOf('\n'); k !== -1; k = part.indexOf('\n', k + 1)) lineBreaks++;
        field += part;
        if (close + 1 >= text.length && !final) return null;
        if (text[close + 1] === '"') {
          field += '"';
          i = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      // Anything between the closing quote and the next separator is kept as it is (lenient).
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\n') {
      fields.push(field);
      return { fields, end: i + 1, lineBreaks: lineBreaks + 1 };
    } else if (c === '\r' && (text[i + 1] === '\n' || (i + 1 >= text.length && final))) {
      i++;
    } else if (c === '\r' && i + 1 >= text.length) {
      return null;
    } else {
      field += c;
      i++;
    }
  }
}
