/**
 * A text built a piece at a time (an HTML page's kept blocks) and turned into one string once, at the end (import
 * memory). Pieces are written as UTF-8 into one buffer: about a byte a character for report text, where a list of
 * pieces joined at the end holds every piece (2 bytes a character as soon as one is beyond Latin-1) beside the
 * joined copy, and a string grown by `+=` is a tree of the pieces that V8 copies flat when it is first read. The
 * string is decoded from the buffer in one native pass, with no copy between.
 */

/** Any surrogate code unit (a quick test); a lone one, which UTF-8 cannot hold. */
const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /\p{Cs}/u;

const EMPTY = Buffer.alloc(0);

export class Utf8Builder {
  private buf: Buffer = EMPTY;
  private used = 0;
  /** The pieces as strings, from the first that holds a lone surrogate on (only a string given directly can). */
  private pieces: string[] | undefined;

  /** `capacity`: the buffer's first size in bytes (its pages take memory only as they are written). */
  constructor(private readonly capacity: number) {}

  append(s: string): void {
    if (this.pieces) {
      this.pieces.push(s);
      return;
    }
    if (SURROGATE.test(s) && LONE_SURROGATE.test(s)) {
      this.pieces = [this.take(), s];
      return;
    }
    if (this.used + 3 * s.length > this.buf.length) {
      const need = this.used + Buffer.byteLength(s, 'utf8');
      if (need > this.buf.length) this.grow(need);
    }
    this.used += this.buf.write(s, this.used, 'utf8');
  }

  /** Whether nothing has been appended (since the last take). */
  get empty(): boolean {
    return !this.pieces && this.used === 0;
  }

  /** The text built, and the builder emptied (its buffer is garbage from then on). */
  take(): string {
    const text = this.pieces ? this.pieces.join('') : this.buf.toString('utf8', 0, this.used);
    this.buf = EMPTY;
    this.used = 0;
    this.pieces = undefined;
    return text;
  }

  private grow(need: number): void {
    const size = Math.max(need, this.buf.length === 0 ? this.capacity : Math.ceil(this.buf.length * 1.5));
    const next = Buffer.allocUnsafeSlow(size);
    this.buf.copy(next, 0, 0, this.used);
    this.buf = next;
  }
}
