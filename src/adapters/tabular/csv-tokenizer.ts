/** Receives the fields of each complete record; offsets index the `bytes` passed with them. */
export interface RecordSink {
  /**
   * One record: `starts[k]` / `ends[k]` delimit field k (quotes removed); `escaped[k]` is 1 when the field held
   * doubled quotes (`""`), whose text must be unescaped. `line` is the 1-based line the record starts on.
   */
  record(
    bytes: Buffer,
    starts: Int32Array,
    ends: Int32Array,
    escaped: Uint8Array,
    fieldCount: number,
    line: number,
  ): void;
}

/** Malformed CSV at a line (unterminated quote, text after a closing quote). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * An RFC 4180 tokenizer over bytes (UTF-8 bytes in Node Buffers; the delimiter and quote are ASCII, so multi-byte characters never
 * confuse it): chunks in, complete records out, no string and no object per field. Blank lines are skipped
 * (pandas' `skip_blank_lines`); CRLF and LF both end a record; a record may span chunks (the unfinished tail is
 * carried over).
 */
export class CsvTokenizer {
  private carry: Buffer = Buffer.alloc(0);
  private line = 1;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private escaped = new Uint8Array(64);
  private first = true;

  constructor(
    private readonly delimiter: number,
    private readonly sink: RecordSink,
  ) {}

  /** Feeds the next chunk; complete records go to the sink, an unfinished one waits for the next chunk. */
  push(chunk: Uint8Array): void {
    const bytes =
      this.carry.length > 0
        ? Buffer.concat([this.carry, chunk])
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    if (this.first && bytes.length > 0) {
      this.first = false;
      if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3; // UTF-8 BOM
    }
    const done = this.scan(bytes, start, false);
    this.carry = done < bytes.length ? Buffer.from(bytes.subarray(done)) : Buffer.alloc(0);
  }

  /** Ends the input: a last record without a final newline is emitted; an open quote is an error. */
  end(): void {
    if (this.carry.length > 0) this.scan(this.carry, 0, true);
    this.carry = Buffer.alloc(0);
  }

  /** Emits every complete record from `pos`; returns where the unfinished tail starts. */
  private scan(bytes: Buffer, pos: number, final: boolean): number {
    const n = bytes.length;
    const delimiter = this.delimiter;
    while (pos < n) {
      // Skip blank lines.
      const c0 = bytes[pos];
      if (c0 === LF) {
        this.line++;
        pos++;
        continue;
      }
      if (c0 === CR) {
        if (pos + 1 >= n && !final) return pos;
        pos += pos + 1 < n && bytes[pos + 1] === LF ? 2 : 1;
        this.line++;
        continue;
      }
      const recordStart = pos;
      const recordLine = this.line;
      let lines = 0;
      let field = 0;
      let complete = false;
      for (;;) {
        if (field === this.starts.length) this.grow();
        if (pos < n && bytes[pos] === QUOTE) {
          // Quoted field: up to the closing quote; "" is an escaped quote.
          let p = pos + 1;
          let escaped = 0;
          let closed = -1;
          while (p < n) {
            const c = bytes[p];
            if (c === QUOTE) {
              if (p + 1 < n && bytes[p + 1] === QUOTE) {
                escaped = 1;
                p += 2;
                continue;
              }
              if (p + 1 >= n && !final) break;
              closed = p;
              break;
            }
            if (c === LF) lines++;
            p++;
          }
          if (closed < 0) {
            if (!final) return recordStart;
            throw new CsvSyntaxError(recordLine, 'unterminated quoted field (Quote Not Closed)');
          }
          this.starts[field] = pos + 1;
          this.ends[field] = closed;
          this.escaped[field] = escaped;
          field++;
          pos = closed + 1;
          if (pos >= n) {
            if (!final) return recordStart;
            complete = true;
            break;
          }
          const next = bytes[pos];
          if (next === delimiter) {
            pos++;
            continue;
          }
          if (next === LF || next === CR) {
            pos = this.lineEnd(bytes, pos, final);
            if (pos < 0) return recordStart;
            complete = true;
            break;
          }
          throw new CsvSyntaxError(recordLine + lines, 'unexpected text after a closing quote (Invalid Closing Quote)');
        }
        // Unquoted field: up to the delimiter or the end of the line.
        let p = pos;
        while (p < n) {
          const c = bytes[p];
          if (c === delimiter || c === LF || c === CR) break;
          p++;
        }
        if (p >= n && !final) return recordStart;
        this.starts[field] = pos;
        this.ends[field] = p;
        this.escaped[field] = 0;
        field++;
        if (p >= n) {
          pos = p;
          complete = true;
          break;
        }
        if (bytes[p] === delimiter) {
          pos = p + 1;
          continue;
        }
        pos = this.lineEnd(bytes, p, final);
        if (pos < 0) return recordStart;
        complete = true;
        break;
      }
      if (complete) {
        this.line += lines + 1;
        this.sink.record(bytes, this.starts, this.ends, this.escaped, field, recordLine);
      }
    }
    return pos;
  }

  /** Position after the line end at `pos` (LF, CR or CRLF); −1 when a CR ends the chunk and LF may follow. */
  private lineEnd(bytes: Uint8Array, pos: number, final: boolean): number {
    if (bytes[pos] === LF) return pos + 1;
    if (pos + 1 < bytes.length) return bytes[pos + 1] === LF ? pos + 2 : pos + 1;
    return final ? pos + 1 : -1;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    const escaped = new Uint8Array(size);
    escaped.set(this.escaped);
    this.starts = starts;
    this.ends = ends;
    this.escaped = escaped;
  }
}
