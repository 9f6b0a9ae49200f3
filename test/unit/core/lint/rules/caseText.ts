/** Wraps statement text in a policy document, so that case lines are: statements start on line 4. */
export const policy = (statements: string) => `{
  "Version": "2012-10-17",
  "Statement": [
${statements}
  ]
}`;

/** The ARN of a task policy, for readable cases. */
export const task = (name: string, partition = 'aws') => `arn:${partition}:iam::aws:policy/root-task/${name}`;
