/**
 * A policy's text as a key, whatever its whitespace as the service returns it: the document re-serialized,
 * or the text itself (marked apart) when it is no JSON.
 */
export function policyKey(text: string): string {
  try {
    return `json:${JSON.stringify(JSON.parse(text))}`;
  } catch {
    return `text:${text}`;
  }
}

/** Same document, whatever its whitespace as the service returns it. */
export function samePolicy(a: string, b: string): boolean {
  return policyKey(a) === policyKey(b);
}
