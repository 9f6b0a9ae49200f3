/**
 * A text read from a file, with its UTF-8 byte order mark taken off as editors take it off what they show:
 * offsets and columns then agree with the editor's, and whether the mark was there is kept apart.
 */
export function splitByteOrderMark(text: string): { text: string; byteOrderMark: boolean } {
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), byteOrderMark: true } : { text, byteOrderMark: false };
}
