/** Test texts with the cursor written as `|`. */
export function cursor(textWithMarker: string): { text: string; offset: number } {
  const offset = textWithMarker.indexOf('|');
  if (offset < 0 || textWithMarker.indexOf('|', offset + 1) >= 0) throw new Error('mark the cursor with exactly one |');
  return { text: textWithMarker.slice(0, offset) + textWithMarker.slice(offset + 1), offset };
}

/** A one-statement identity policy around the statement's members. */
export const statement = (members: string) => `{\n  "Version": "2012-10-17",\n  "Statement": [\n    { ${members} }\n  ]\n}`;
