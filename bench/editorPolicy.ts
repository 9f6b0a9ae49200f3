/**
 * The editor's typing case: one policy of a named size, written as a person would (indented, varied
 * statements). Not a benchmark itself: the lint bench and its cold-start process import it.
 */

/** A policy of `bytes` characters at least and within one statement of it. */
export function syntheticPolicy(bytes: number): string {
  const statements: unknown[] = [];
  const services = ['s3', 'ec2', 'iam', 'sts', 'kms', 'lambda', 'dynamodb', 'sqs'];
  const text = () => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  for (let i = 0; text().length < bytes; i++) {
    statements.push({
      Sid: `Statement${i}`,
      Effect: i % 3 === 0 ? 'Deny' : 'Allow',
      Action: [`${services[i % services.length]}:Get*`, `${services[(i + 1) % services.length]}:List*`, 'sts:AssumeRoot'],
      Resource: `arn:aws:s3:::bucket-${i}/*`,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' }, Bool: { 'aws:SecureTransport': 'true' } },
    });
  }
  return text();
}

/** The size the editor figures name: 30 KB. */
export const EDITOR_POLICY_BYTES = 30 * 1024;
