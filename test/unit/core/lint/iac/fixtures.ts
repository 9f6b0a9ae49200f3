/** Reading the IaC fixtures and describing findings compactly for the tests. */
import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../../../../src/core/lint/model';

export const FIXTURES = path.resolve(__dirname, '../../../../fixtures/iac');

export function fixture(relative: string): { path: string; text: string } {
  return { path: relative, text: fs.readFileSync(path.join(FIXTURES, relative), 'utf8') };
}

/** `RG101@57`: the rule and the 1-based line of a finding. */
export function ruleLines(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId}@${f.line}`);
}

/** The 1-based line of the first occurrence of a fragment in a text. */
export function lineOf(text: string, fragment: string, after = 0): number {
  const at = text.indexOf(fragment, after);
  if (at < 0) throw new Error(`"${fragment}" is not in the text`);
  return text.slice(0, at).split('\n').length;
}

/**
 * A YAML template of one managed policy `P`: the sections before `Resources` as given (`head`), then the
 * policy document with `statement`'s lines (`Statement:` and its items) under its Version.
 */
export function managedPolicyTemplate(head: readonly string[], statement: readonly string[]): string {
  return [...head, 'Resources:', '  P:', '    Type: AWS::IAM::ManagedPolicy', '    Properties:', '      PolicyDocument:', '        Version: "2012-10-17"', ...statement, ''].join('\n');
}
