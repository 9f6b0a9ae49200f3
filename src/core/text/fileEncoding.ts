/**
 * A file's text as an editor reads it: decoded by its byte order mark (UTF-8, UTF-16 little or big
 * endian), as UTF-8 without one, and the mark not part of the text, so that offsets and columns agree with
 * the editor's. How the file is saved is kept apart: a policy file AWS tools read as UTF-8 is reported
 * when it is saved otherwise (RG011).
 */
export type FileEncoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';

export function decodeFile(bytes: Buffer): { text: string; encoding: FileEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.toString('utf8', 3), encoding: 'utf8bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.toString('utf16le', 2), encoding: 'utf16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Swapped into little endian (on a copy: the caller's buffer stays as read); a last odd byte is no character.
    const body = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    return { text: body.swap16().toString('utf16le'), encoding: 'utf16be' };
  }
  return { text: bytes.toString('utf8'), encoding: 'utf8' };
}
