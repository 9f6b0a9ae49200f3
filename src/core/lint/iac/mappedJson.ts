/**
 * JSON written inside another syntax (a Terraform heredoc or quoted string) as the IaC tree, every part
 * placed in the file through the text's offset map. Read-only: the parts carry no handle, so no fix is
 * written into them.
 */
import type { Node } from 'jsonc-parser';
import { parseJson } from '../parse';
import type { OffsetRange } from '../model';
import type { IacValue, MappedText } from './sourceTree';

/** The value of the JSON in `mapped`; undefined when it is not JSON (an interpolation between tokens, say). */
export function mappedJsonValue(mapped: MappedText): IacValue | undefined {
  const parsed = parseJson(mapped.text);
  return parsed.root && parsed.errors.length === 0 ? valueOf(parsed.root, mapped) : undefined;
}

function valueOf(node: Node, mapped: MappedText): IacValue {
  const range = placed(node.offset, node.offset + node.length, mapped);
  if (node.type === 'object') {
    const entries = (node.children ?? []).flatMap((property) => {
      const [key, value] = property.children ?? [];
      return key && value ? [{ key: String(key.value), keyRange: placed(key.offset, key.offset + key.length, mapped), value: valueOf(value, mapped) }] : [];
    });
    return { kind: 'map', entries, range };
  }
  if (node.type === 'array') return { kind: 'seq', items: (node.children ?? []).map((item) => valueOf(item, mapped)), range };
  if (node.type === 'string') {
    const value = String(node.value);
    // Each character at the place of the one written after the opening quote (an escape shifts the rest a little).
    const offsets = Int32Array.from({ length: value.length + 1 }, (_, i) => mapped.offsets[Math.min(node.offset + 1 + i, node.offset + node.length - 1)]);
    return { kind: 'scalar', value, mapped: { text: value, offsets }, range };
  }
  return { kind: 'scalar', value: node.type === 'null' ? null : (node.value as number | boolean), range };
}

function placed(start: number, end: number, mapped: MappedText): OffsetRange {
  return { start: mapped.offsets[start], end: mapped.offsets[Math.max(start, end - 1)] + 1 };
}
