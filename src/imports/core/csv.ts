// Streaming CSV reader (RFC 4180): fed chunks of text, gives back the complete records seen so far, so a file of a
// million rows is never held in memory. Quoted fields may hold commas, doubled quotes and line breaks; CRLF and LF
// both end a record; a UTF-8 byte-order mark at the start is dropped. Pure.

export class CsvReader {
  private field = '';
  private record: string[] = [];
  private quoted = false;
  /** Inside a quoted field. */
  private inQuotes = false;
  /** A quote seen inside a quoted field: either the end of the field or the first of a doubled quote. */
  private quotePending = false;
  private started = false;
  /** Line breaks read so far (inside quoted fields too): the physical line of the next record is `lines + 1`. */
  lines = 0;

  /** The records completed by this chunk. */
  push(chunk: string): string[][] {
    const out: string[][] = [];
    let s = chunk;
    if (!this.started && s.length) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === '"') {
            this.field += '"';
            continue;
          }
          this.inQuotes = false; // the closing quote: fall through to read c unquoted
        } else if (c === '"') {
          this.quotePending = true;
          continue;
        } else {
          if (c === '\n') this.lines++;
          this.field += c;
          continue;
        }
      }
      if (c === '"' && this.field === '' && !this.quoted) {
        this.inQuotes = true;
        this.quoted = true;
      } else if (c === ',') {
        this.endField();
      } else if (c === '\n') {
        this.lines++;
        this.endField();
        this.endRecord(out);
      } else if (c === '\r') {
        // dropped: CRLF ends a record at its LF
      } else {
        this.field += c;
      }
    }
    return out;
  }

  /** The last record when the text does not end with a line break. */
  end(): string[][] {
    const out: string[][] = [];
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
    }
    if (this.field !== '' || this.record.length || this.quoted) {
      this.endField();
      this.endRecord(out);
    }
    return out;
  }

  private endField() {
    this.record.push(this.field);
    this.field = '';
    this.quoted = false;
  }

  private endRecord(out: string[][]) {
    const r = this.record;
    this.record = [];
    // A blank line is no record.
    if (r.length === 1 && r[0] === '') return;
    out.push(r);
  }
}

/** One field as CSV: quoted when it holds a comma, a quote or a line break; a leading =, +, - or @ is prefixed with
 *  an apostrophe so that a spreadsheet never runs it as a formula (CSV injection). */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (values: readonly (string | number | boolean | null | undefined)[]) => values.map(csvField).join(',') + '\r\n';
