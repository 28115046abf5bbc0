// Streaming reader of a JSON array of objects (the sync file: `[ {HoSo}, {HoSo}, … ]`): fed chunks of text, gives back
// the text of each complete top-level element, which the caller parses alone. The whole file is never held in memory.
// Pure.

export class JsonArrayError extends Error {
  override name = 'JsonArrayError';
}

export class JsonArrayReader {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private began = false;
  private done = false;
  private current = '';

  /** The elements completed by this chunk, as JSON text. Throws JsonArrayError when the text is not an array. */
  push(chunk: string): string[] {
    const out: string[] = [];
    let from = this.depth > 0 ? 0 : -1; // start of the element's text within this chunk
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
        continue;
      }
      if (!this.began) {
        if (c === '\ufeff' || /\s/.test(c)) continue;
        if (c !== '[') throw new JsonArrayError('Tệp JSON phải là một mảng các hồ sơ ([ … ]).');
        this.began = true;
        continue;
      }
      if (this.done) {
        if (!/\s/.test(c)) throw new JsonArrayError('Có dữ liệu thừa sau cuối mảng JSON.');
        continue;
      }
      if (this.depth === 0) {
        if (c === ']') {
          this.done = true;
          continue;
        }
        if (c === ',' || /\s/.test(c)) continue;
        if (c !== '{') throw new JsonArrayError('Mỗi phần tử của mảng JSON phải là một hồ sơ ({ … }).');
        this.depth = 1;
        from = i;
        continue;
      }
      if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') this.depth++;
      else if (c === '}' || c === ']') {
        this.depth--;
        if (this.depth === 0) {
          out.push(this.current + chunk.slice(from, i + 1));
          this.current = '';
          from = -1;
        }
      }
    }
    if (this.depth > 0) this.current += chunk.slice(from);
    return out;
  }

  /** Checks the array was closed. */
  end(): void {
    if (!this.began || !this.done) throw new JsonArrayError('Tệp JSON bị cắt cụt: thiếu dấu ] đóng mảng.');
  }
}
