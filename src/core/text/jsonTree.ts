/**
 * A JSON text's tree with offsets, in jsonc-parser's `Node` shape. jsonc-parser reads JSONC: comments,
 * trailing commas, and errors it recovers from, token by token through a visitor. Nearly every policy and
 * template is plain JSON, and for those that generality cost five times a `JSON.parse` and a quarter of
 * the lint. So a strict reader builds the tree of plain JSON directly, and hands anything else (a comment,
 * a trailing comma, an error, whitespace JSON does not allow, nesting deeper than it goes) to jsonc-parser,
 * which then reads the whole text as before. For plain JSON the two build the same tree: a test compares
 * them over the test fixtures and over generated texts, whole and damaged.
 */
import { type Node, type ParseError, parseTree } from 'jsonc-parser';

/** How deep the strict reader goes, unless told otherwise, before leaving the text to jsonc-parser. */
const DEFAULT_MAX_DEPTH = 256;

export interface JsonTree {
  root: Node | undefined;
  /** The strict reader read it: plain JSON (no comments, trailing commas or errors), at most `maxDepth` deep. */
  plain: boolean;
}

/**
 * Parses JSONC as `parseTree(text, errors, { allowTrailingComma: true })` does, with the same tree and
 * errors, faster when the text is plain JSON. Throws what jsonc-parser throws (a RangeError when nesting
 * overflows its stack). A plain text nested deeper than `maxDepth` is left to jsonc-parser too.
 */
export function parseJsonTree(text: string, errors: ParseError[], maxDepth = DEFAULT_MAX_DEPTH): JsonTree {
  const plainRoot = readPlainJson(text, maxDepth);
  if (plainRoot) return { root: plainRoot, plain: true };
  return { root: parseTree(text, errors, { allowTrailingComma: true, disallowComments: false }), plain: false };
}

/** The tree of a plain JSON text (one JSON.parse accepts, nested at most `maxDepth` deep); undefined for any other. */
export function readPlainJson(text: string, maxDepth = DEFAULT_MAX_DEPTH): Node | undefined {
  return new StrictReader(text, maxDepth).readDocument();
}

/** A node while its reader still sets its length, colon and children. */
type OpenNode = { -readonly [K in keyof Node]: Node[K] } & { children: Node[] };

/** Thrown inside the strict reader at the first thing plain JSON does not allow; never escapes it. */
const NOT_PLAIN = new Error('not plain JSON');

const QUOTE = 34;
const BACKSLASH = 92;

/** A node's children until they are read (never seen outside the reader). */
const NO_CHILDREN: Node[] = [];

class StrictReader {
  private pos = 0;
  private depth = 0;
  /** Per depth, the children of the container being read there. */
  private readonly pending: Node[][] = [];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  /** The tree, or undefined when the text is not plain JSON. */
  readDocument(): Node | undefined {
    try {
      this.skipBlanks();
      const root: Partial<OpenNode> = this.readValue(undefined);
      this.skipBlanks();
      if (this.pos !== this.text.length) return undefined;
      // jsonc-parser's root has no `parent` property at all (it deletes the one it gave it).
      delete root.parent;
      return root as Node;
    } catch (err) {
      if (err === NOT_PLAIN) return undefined;
      throw err;
    }
  }

  private readValue(parent: Node | undefined): Node {
    const c = this.text.charCodeAt(this.pos);
    if (c === 123 /* { */) return this.readContainer('object', 125 /* } */, parent);
    if (c === 91 /* [ */) return this.readContainer('array', 93 /* ] */, parent);
    if (c === QUOTE) {
      const offset = this.pos;
      const value = this.readString();
      return { type: 'string', offset, length: this.pos - offset, parent, value } as Node;
    }
    if (c === 116 /* t */) return this.readWord('true', true, parent);
    if (c === 102 /* f */) return this.readWord('false', false, parent);
    if (c === 110 /* n */) return this.readWord('null', null, parent);
    return this.readNumber(parent);
  }

  /** An object's properties or an array's values, separated by commas, up to the bracket that closes them. */
  private readContainer(type: 'object' | 'array', close: number, parent: Node | undefined): Node {
    const node = { type, offset: this.pos, length: -1, parent, children: NO_CHILDREN } as OpenNode;
    if (++this.depth > this.maxDepth) throw NOT_PLAIN;
    // The children gather in a list kept per depth, then are copied out at their count: a list grown by
    // pushing reserves room for 16 or more, which for a tree of small objects is most of its memory. The
    // list is overwritten, never emptied: `length = 0` would make V8 drop its storage, and every push grow
    // it again. What it still holds from a sibling goes with the reader, which lives for one parse.
    const children = (this.pending[this.depth] ??= []);
    let count = 0;
    this.pos++;
    this.skipBlanks();
    if (this.text.charCodeAt(this.pos) !== close) {
      for (;;) {
        children[count++] = type === 'object' ? this.readProperty(node) : this.readValue(node);
        this.skipBlanks();
        const c = this.text.charCodeAt(this.pos);
        if (c === close) break;
        if (c !== 44 /* , */) throw NOT_PLAIN;
        this.pos++;
        this.skipBlanks();
      }
    }
    this.pos++;
    node.children = children.slice(0, count);
    this.depth--;
    node.length = this.pos - node.offset;
    return node;
  }

  private readProperty(object: Node): Node {
    if (this.text.charCodeAt(this.pos) !== QUOTE) throw NOT_PLAIN;
    const offset = this.pos;
    const name = this.readString();
    // Every field is in the literal, so that the node keeps them all in itself rather than in a store beside it.
    const property = { type: 'property', offset, length: -1, parent: object, children: NO_CHILDREN, colonOffset: -1 } as OpenNode;
    const key = { type: 'string', value: name, offset, length: this.pos - offset, parent: property } as Node;
    this.skipBlanks();
    if (this.text.charCodeAt(this.pos) !== 58 /* : */) throw NOT_PLAIN;
    property.colonOffset = this.pos++;
    this.skipBlanks();
    property.children = [key, this.readValue(property)];
    property.length = this.pos - offset;
    return property;
  }

  /** Reads the string at `pos` (its opening quote) and moves past its closing quote. */
  private readString(): string {
    const { text } = this;
    const start = this.pos;
    for (let i = start + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return text.slice(start + 1, i);
      }
      if (c === BACKSLASH) return this.readEscapedString(start, i);
      if (c < 32) throw NOT_PLAIN;
    }
    throw NOT_PLAIN;
  }

  /** A string with escapes: its end found here, its value decoded (and its escapes checked) by JSON.parse. */
  private readEscapedString(start: number, firstEscape: number): string {
    const { text } = this;
    for (let i = firstEscape; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) {
        this.pos = i + 1;
        try {
          return JSON.parse(text.slice(start, i + 1)) as string;
        } catch {
          throw NOT_PLAIN;
        }
      }
    }
    throw NOT_PLAIN;
  }

  private readWord(word: string, value: boolean | null, parent: Node | undefined): Node {
    if (!this.text.startsWith(word, this.pos)) throw NOT_PLAIN;
    const offset = this.pos;
    this.pos += word.length;
    return { type: value === null ? 'null' : 'boolean', offset, length: word.length, parent, value } as Node;
  }

  /** A number as JSON writes it: `-`, then `0` or digits not starting with 0, then `.digits`, then an exponent. */
  private readNumber(parent: Node | undefined): Node {
    const { text } = this;
    const offset = this.pos;
    let i = offset;
    if (text.charCodeAt(i) === 45 /* - */) i++;
    if (text.charCodeAt(i) === 48 /* 0 */) i++;
    else i = this.digits(i);
    if (text.charCodeAt(i) === 46 /* . */) i = this.digits(i + 1);
    const e = text.charCodeAt(i);
    if (e === 101 /* e */ || e === 69 /* E */) {
      const sign = text.charCodeAt(i + 1);
      i = this.digits(sign === 43 /* + */ || sign === 45 /* - */ ? i + 2 : i + 1);
    }
    this.pos = i;
    return { type: 'number', offset, length: i - offset, parent, value: Number(text.slice(offset, i)) } as Node;
  }

  /** The offset after one or more digits starting at `from`. */
  private digits(from: number): number {
    let i = from;
    while (isDigit(this.text.charCodeAt(i))) i++;
    if (i === from) throw NOT_PLAIN;
    return i;
  }

  /** Skips the blanks JSON allows between tokens: space, tab, line feed, carriage return. */
  private skipBlanks(): void {
    const { text } = this;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.pos = i;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
