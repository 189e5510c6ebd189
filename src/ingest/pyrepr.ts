// Parser for Python literal reprs: some Hugging Face daily-paper dumps hold repr(dict) strings instead of JSON objects.
// It accepts what repr() prints for values that came out of json.load (plus tuples), nothing that could run code.

/** Thrown on malformed input; `offset` is the UTF-16 index into the text where parsing failed. */
export class PythonLiteralError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = 'PythonLiteralError';
  }
}

/** Parses one Python literal (dict, list, tuple, str, int, float, True/False/None) into JSON values; throws PythonLiteralError. */
export function parsePythonLiteral(text: string): unknown {
  const p = new Parser(text);
  const value = p.value(0);
  p.skipSpace();
  if (p.pos < text.length) p.fail(`unexpected ${p.describe()} after the value`);
  return value;
}

// Far deeper than any real payload; stops hostile input from overflowing the JS stack with a RangeError instead.
const MAX_DEPTH = 500;

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  a: '\x07',
};

class Parser {
  pos = 0;

  constructor(private readonly text: string) {}

  fail(message: string, at = this.pos): never {
    throw new PythonLiteralError(message, at);
  }

  describe(): string {
    return this.pos >= this.text.length ? 'end of input' : `character ${JSON.stringify(this.text[this.pos])}`;
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]!)) this.pos++;
  }

  value(depth: number): unknown {
    this.skipSpace();
    const c = this.text[this.pos];
    switch (c) {
      case '{':
        return this.dict(depth + 1);
      case '[':
        return this.sequence(']', depth + 1);
      case '(':
        return this.sequence(')', depth + 1);
      case "'":
      case '"':
        return this.string();
    }
    if (c !== undefined && /[-+.\d]/.test(c)) return this.number();
    if (c !== undefined && /[A-Za-z_]/.test(c)) return this.name();
    return this.fail(`expected a value but found ${this.describe()}`);
  }

  private enter(depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    this.pos++; // the opening bracket
  }

  // After an item: either a comma (a trailing one before the closer is legal Python) or the closer itself.
  // Returns true when the container is finished.
  private afterItem(close: string, start: number): boolean {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === ',') {
      this.pos++;
      this.skipSpace();
      if (this.text[this.pos] !== close) return false;
    } else if (c !== close) {
      if (c === undefined) {
        this.fail(`unclosed '${this.text[start]}' opened at offset ${start}: reached end of input`);
      }
      this.fail(`expected ',' or '${close}' but found ${this.describe()}`);
    }
    this.pos++;
    return true;
  }

  private sequence(close: string, depth: number): unknown[] {
    const start = this.pos;
    this.enter(depth);
    const items: unknown[] = [];
    this.skipSpace();
    if (this.text[this.pos] === close) {
      this.pos++;
      return items;
    }
    do items.push(this.value(depth));
    while (!this.afterItem(close, start));
    return items;
  }

  private dict(depth: number): Record<string, unknown> {
    const start = this.pos;
    this.enter(depth);
    const obj: Record<string, unknown> = {};
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return obj;
    }
    do {
      this.skipSpace();
      const keyAt = this.pos;
      const key = this.value(depth);
      // JSON objects only have string keys; repr of json.load output never has others.
      if (typeof key !== 'string') this.fail('dict key is not a string', keyAt);
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail(`expected ':' after dict key but found ${this.describe()}`);
      this.pos++;
      // defineProperty, not assignment: a '__proto__' key must become data, not replace the prototype.
      Object.defineProperty(obj, key, {
        value: this.value(depth),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } while (!this.afterItem('}', start));
    return obj;
  }

  private string(): string {
    const start = this.pos;
    const quote = this.text[this.pos++]!;
    let out = '';
    let chunk = this.pos; // start of the run of plain characters not yet copied to out
    for (;;) {
      const c = this.text[this.pos];
      // Python's one-line literals cannot span a raw newline, so hitting one means the text was cut or corrupted.
      if (c === undefined || c === '\n') {
        this.fail(
          `unterminated string opened at offset ${start}: reached ${c === undefined ? 'end of input' : 'a newline'}`,
        );
      }
      if (c === quote) {
        out += this.text.slice(chunk, this.pos++);
        return out;
      }
      if (c !== '\\') {
        this.pos++;
        continue;
      }
      out += this.text.slice(chunk, this.pos);
      out += this.escape();
      chunk = this.pos;
    }
  }

  private escape(): string {
    const at = this.pos;
    const c = this.text[this.pos + 1];
    if (c === undefined) this.fail('unterminated escape sequence', at);
    this.pos += 2;
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) return simple;
    if (c === 'x') return String.fromCharCode(this.hex(2, at));
    if (c === 'u') return String.fromCharCode(this.hex(4, at));
    if (c === 'U') {
      const cp = this.hex(8, at);
      if (cp > 0x10ffff) this.fail(`escape \\U${cp.toString(16)} is beyond U+10FFFF`, at);
      return String.fromCodePoint(cp);
    }
    if (c >= '0' && c <= '7') {
      // Octal \0 .. \777: repr never prints these, but Python accepts them and they are unambiguous.
      let digits = c;
      while (digits.length < 3 && /[0-7]/.test(this.text[this.pos] ?? '')) digits += this.text[this.pos++];
      return String.fromCharCode(parseInt(digits, 8));
    }
    // Python would keep the backslash, but repr() never writes one, so it signals a mangled string.
    return this.fail(`unknown escape sequence \\${c}`, at);
  }

  private hex(count: number, at: number): number {
    const digits = this.text.slice(this.pos, this.pos + count);
    if (!new RegExp(`^[0-9a-fA-F]{${count}}$`).test(digits)) {
      this.fail(`escape \\${this.text[at + 1]} needs ${count} hex digits`, at);
    }
    this.pos += count;
    return parseInt(digits, 16);
  }

  private number(): number {
    const start = this.pos;
    NUMBER.lastIndex = start;
    const m = NUMBER.exec(this.text);
    if (!m) return this.fail('malformed number');
    this.pos += m[0].length;
    // Reject "12abc" or "1.5.2" here rather than reporting a confusing error at the next token.
    if (/[A-Za-z0-9_.]/.test(this.text[this.pos] ?? '')) this.fail('malformed number', start);
    // Like JSON.parse, integers beyond 2^53 lose precision; that is accepted for upvote counts and the like.
    const n = Number(m[0]);
    if (!Number.isFinite(n)) this.fail('number out of range', start);
    return n;
  }

  private name(): boolean | null {
    const start = this.pos;
    NAME.lastIndex = start;
    const word = NAME.exec(this.text)![0];
    this.pos += word.length;
    if (word === 'True') return true;
    if (word === 'False') return false;
    if (word === 'None') return null;
    // json.load cannot produce inf/nan through repr-able JSON, and call syntax would mean code, not data.
    return this.fail(`unexpected name '${word}' (only True, False and None are allowed)`, start);
  }
}
