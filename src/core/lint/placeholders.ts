/**
 * Placeholders that example and template policies leave for a person or a tool to fill in, and that are
 * no IAM syntax: `[CLOUDTRAIL_NAME]`, `<ACCOUNT_ID>`, `{{AccountId}}`, and `${Account}`-style names in
 * the spelling of AWS's own documentation. IAM's policy variables (`${aws:username}`, `${s3:prefix}`,
 * `${*}`, `${?}`, `${$}`) are not placeholders, and neither are lower-case names such as `${account_id}`,
 * which a template engine (Terraform's templatefile, envsubst) fills in from the file's own variables, or
 * names in capitals such as `${PARTITION}` and `${ACCELERATOR_PREFIX}`, which Landing Zone Accelerator
 * replaces as it deploys the policies of its configuration.
 */

/** `[UPPER_CASE]`: IAM names and ARNs never contain square brackets. */
const BRACKETED = /\[[A-Z][A-Z0-9_-]*\]/;
/** `<ACCOUNT_ID>`, `<my-vpc>`, `<your bucket>`. */
const ANGLED = /<[A-Za-z][\w .:-]{0,40}>/;
/** `{{AccountId}}`, `{{ region }}` (mustache and Jinja). */
const MUSTACHE = /\{\{[^{}]{1,60}\}\}/;
/** `${...}` substitutions, whatever they hold. */
const SUBSTITUTION = /\$\{([^{}]*)\}/g;

/** `[`, `<` or `{`, with which each of the forms above begins. */
const PLACEHOLDER_OPENER = /[[<{]/;

/**
 * The first placeholder in a value, as written, or undefined. In CloudFormation templates `{{...}}` is
 * skipped: dynamic references (`{{resolve:ssm:...}}`) fill it in. A template's values come here with their
 * intrinsic functions resolved (iac/intrinsics.ts), so a `${Name}` still in one was never inside `Fn::Sub`
 * (a plain string, a map key, `${!Name}`): CloudFormation leaves it as written.
 */
export function findPlaceholder(value: string, inTemplate: boolean): string | undefined {
  // Every placeholder form opens with one of these: nearly all values have none, and need no more tests.
  if (!PLACEHOLDER_OPENER.test(value)) return undefined;
  const found = (inTemplate ? [BRACKETED, ANGLED] : [BRACKETED, ANGLED, MUSTACHE])
    .map((pattern) => pattern.exec(value))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => a.index - b.index)[0]?.[0];
  if (found || !value.includes('${')) return found;
  for (const match of value.matchAll(SUBSTITUTION)) if (isPlaceholderName(match[1])) return match[0];
  return undefined;
}

/**
 * `Region`, `Account`, `BucketName` (AWS's documented ARN formats) and `AWS::Region` (a CloudFormation
 * pseudo parameter, which only `Fn::Sub` fills in); not a policy variable (`aws:username`, one colon),
 * `*`, `?`, `$`, or a replacement in capitals (`PARTITION`, `ACCELERATOR_PREFIX`).
 */
function isPlaceholderName(name: string): boolean {
  if (name.startsWith('AWS::')) return true;
  return /^[A-Z][A-Za-z0-9_]*$/.test(name) && !/^[A-Z][A-Z0-9_]*$/.test(name);
}
