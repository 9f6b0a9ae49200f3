/**
 * The corpus as a user lints it. Its SCPs and RCPs sit in folders that say so (`service_control_policies/`,
 * `scp-deny-*.json`), and the CLI, given nothing else, lints them as identity policies and says so: the SCP
 * and RCP checks, the engine's costliest questions (which root-session calls a Deny refuses), do not run.
 * A bench of that run timed a lint that leaves them out. Here every file the CLI's note names gets the type
 * its folder or name says, in the `.rootguard.json` the note asks for, in a copy of the corpus.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { orgPolicyTypeNamedBy } from '../src/cli/orgPolicyFolders';
import { CONFIG_FILE_NAME, configuredType, parseConfig } from '../src/core/lint/config';
import type { FileType } from '../src/core/lint/model';

export interface TypedCorpus {
  /** The copy's folder, named as the corpus's. */
  dir: string;
  /** The type the copy's `.rootguard.json` gives a file of the copy, as the CLI reads it. */
  typeOf(file: string): FileType | undefined;
  remove(): void;
}

export function typedCorpusCopy(corpus: string): TypedCorpus {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-bench-corpus-'));
  const dir = path.join(root, path.basename(corpus));
  fs.cpSync(corpus, dir, { recursive: true });
  const types: Record<string, FileType> = {};
  for (const relative of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const named = orgPolicyTypeNamedBy(relative);
    if (named) types[named.glob] = named.type;
  }
  const configPath = path.join(dir, CONFIG_FILE_NAME);
  const text = `${JSON.stringify({ types }, null, 2)}\n`;
  fs.writeFileSync(configPath, text);
  const { config, problems } = parseConfig(text, configPath);
  if (!config) throw new Error(`the corpus's types do not make a configuration: ${problems.join('; ')}`);
  return { dir, typeOf: (file) => configuredType(config, file), remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
