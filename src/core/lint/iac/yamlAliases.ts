/**
 * Which node each alias of a YAML document stands for. The `yaml` package's `Alias.resolve` walks the whole
 * document for every alias it resolves, and a template's aliases are read once per use: a kilobyte of aliases
 * of aliases ("billion laughs") took seconds per kilobyte even with their expansion bounded. Here the
 * document is walked once, in the order `Alias.resolve` reads it, and each alias is given what it gives: the
 * last node before it that carries its anchor (an anchored collection counts before what it holds).
 */
import { type Alias, type Document, isAlias, isMap, isNode, isPair, isSeq, type Node as YamlNode } from 'yaml';

export type AliasTargets = ReadonlyMap<Alias, YamlNode | undefined>;

export function aliasTargetsOf(document: Document.Parsed): AliasTargets {
  const targets = new Map<Alias, YamlNode | undefined>();
  const latest = new Map<string, YamlNode>();
  // An explicit stack, not recursion: how deep a document nests is the author's to choose.
  const stack: unknown[] = [document.contents];
  while (stack.length > 0) {
    const item = stack.pop();
    if (isAlias(item)) {
      targets.set(item, latest.get(item.source));
      continue;
    }
    if (isNode(item) && item.anchor) latest.set(item.anchor, item);
    if (isPair(item)) stack.push(item.value, item.key);
    else if (isMap(item) || isSeq(item)) for (let i = item.items.length - 1; i >= 0; i--) stack.push(item.items[i]);
  }
  return targets;
}
