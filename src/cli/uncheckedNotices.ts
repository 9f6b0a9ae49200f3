/**
 * RG010 (not-checked) turned off in a configuration must not make a file that was not checked, or only partly,
 * look clean in a report a CI reads. The run lints such files with RG010 on all the same, then takes its
 * findings out and says, once per file, what was not checked: a notice (a SARIF warning notification), not a
 * finding, so it neither fails the run nor counts against --max-warnings, as the configuration asked.
 */
import type { LintResult } from '../core/lint/linter';
import type { SeveritySetting } from '../core/lint/model';
import { notChecked } from '../core/lint/rules/RG010-not-checked';
import { plural } from '../core/lint/formatters/summary';

type Severities = Readonly<Record<string, SeveritySetting>>;

const RULE_ID = notChecked.meta.id;

/** Whether a configuration's severities turn RG010 off. */
export function turnsOffNotChecked(severities: Severities): boolean {
  return severities[RULE_ID] === 'off';
}

/** The severities to lint with: the configuration's, with RG010 on where it turns it off, so that the run learns what it did not check. */
export function seeingUnchecked(severities: Severities): Severities {
  return turnsOffNotChecked(severities) ? { ...severities, [RULE_ID]: 'info' } : severities;
}

/**
 * Takes RG010's findings out of the results of `turnedOff` (the files whose configuration turns it off), and
 * says for each file that had some what was not checked; `alreadySaid` are files whose not being checked is an
 * error of the run already (a file named with nothing in it checked).
 */
export function takeUncheckedNotices(results: readonly LintResult[], turnedOff: ReadonlySet<string>, alreadySaid: ReadonlySet<string>): Array<{ path: string; message: string }> {
  const notices: Array<{ path: string; message: string }> = [];
  for (const result of results) {
    if (!turnedOff.has(result.path)) continue;
    const unchecked = result.findings.filter((f) => f.ruleId === RULE_ID);
    if (unchecked.length === 0) continue;
    result.findings = result.findings.filter((f) => f.ruleId !== RULE_ID);
    if (alreadySaid.has(result.path)) continue;
    const [first] = unchecked;
    const why = result.nothingChecked ? `not checked: ${result.nothingChecked.join(' ')}` : `only partly checked: ${plural(unchecked.length, 'part')} not checked, the first at line ${first.line}: ${first.message}`;
    notices.push({ path: result.path, message: `${why} (${RULE_ID} ${notChecked.meta.name} is off in its configuration)` });
  }
  return notices;
}
