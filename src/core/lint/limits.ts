/**
 * How much of a repository the linter reads. AWS's largest policy-bearing file, a CloudFormation
 * template, is at most 1 MB (51,200 bytes inline); policies are a few kilobytes. Larger files are
 * generated output or an attack, and are refused with a message instead of read.
 */

/** The CLI lints files up to this size: twice the largest template, and a parse tree that stays within 300 MB. */
export const MAX_LINT_FILE_BYTES = 2 * 1024 * 1024;

/**
 * A Terraform plan (`terraform show -json`) is read up to this size: plans of real changes run to several
 * megabytes, and a 4.5 MB plan lints in about 0.6 s within 160 MB.
 */
export const MAX_PLAN_FILE_BYTES = 8 * 1024 * 1024;

/** The editor lints documents up to this many characters, so that a lint never holds the extension host long. */
export const MAX_EDITOR_LINT_CHARACTERS = 1024 * 1024;

/** "1.5 MB": sizes in the messages about these limits. */
export function megabytes(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}
