/**
 * The hostile inputs of issue 17, and those found since, each a function of a size, so that the generative
 * test lints them small and the bench at the sizes that were reported (a repository must not be able to hang
 * RootGuard).
 */
export interface HostileInput {
  name: string;
  /** The file's text for `size` units of the input's kind. */
  make(size: number): string;
  /** The size the issue reported. */
  reportedSize: number;
  extension: string;
}

const policy = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

export const HOSTILE_INPUTS: readonly HostileInput[] = [
  {
    name: 'distinct service-wildcard actions',
    make: (n) => policy({ Effect: 'Allow', Action: Array.from({ length: n }, (_, i) => `s3:Get${i.toString(36)}*`), Resource: '*' }),
    reportedSize: 20_000,
    extension: 'json',
  },
  {
    name: 'a 2 MB Action list',
    make: (n) => policy({ Effect: 'Allow', Action: Array.from({ length: n }, (_, i) => `iam:Put${i.toString(36)}*`), Resource: '*' }),
    reportedSize: 150_000,
    extension: 'json',
  },
  {
    name: 'minified CloudFormation template, one finding with fixes per resource',
    make: (n) => {
      const resources: Record<string, object> = {};
      for (let i = 0; i < n; i++) {
        resources[`P${i}`] = { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: JSON.parse(policy({ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' })) } };
      }
      return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources });
    },
    reportedSize: 20_000,
    extension: 'template',
  },
  {
    name: 'the same template just under the 2 MB limit',
    make: (n) => HOSTILE_INPUTS[2].make(n),
    reportedSize: 12_000,
    extension: 'template',
  },
  {
    name: 'one long action name (spelling suggestion)',
    make: (n) => policy({ Effect: 'Allow', Action: `s3:${'x'.repeat(n)}`, Resource: '*' }),
    reportedSize: 5_000_000,
    extension: 'json',
  },
  {
    name: 'one long task policy ARN (nearest task policy)',
    make: (n) => policy({ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'sts:TaskPolicyArn': `arn:aws:iam::aws:policy/root-task/${'x'.repeat(n)}` } } }),
    reportedSize: 3_000_000,
    extension: 'json',
  },
  {
    name: '{"Statement":[ and commas',
    make: (n) => `{"Statement":[${','.repeat(n)}`,
    reportedSize: 4_000_000,
    extension: 'json',
  },
  {
    name: 'YAML aliases of aliases, ten uses each (a "billion laughs" that exhausted the heap at 8 levels)',
    make: (n) => {
      let anchors = 'Mappings:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
      for (let i = 1; i <= n; i++) anchors += `  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
      return yamlTemplate(`[{Effect: Allow, Action: *a${n}, Resource: "*"}]`, anchors);
    },
    reportedSize: 8,
    extension: 'yaml',
  },
  {
    name: 'YAML flow lists nested n deep',
    make: (n) => yamlTemplate(`${'['.repeat(n)}${']'.repeat(n)}`),
    reportedSize: 20_000,
    extension: 'yaml',
  },
  {
    name: 'a bucket policy of public statements, each on its own prefix with its own conditions (RG208 asks the engine of each)',
    make: (n) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: Array.from({ length: n }, (_, i) => ({
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: `arn:aws:s3:::b/p${i}/*`,
          Condition: { StringLike: { 'aws:Referer': `https://s${i}.example.com/*` }, NumericLessThan: { 'aws:MultiFactorAuthAge': String(i) } },
        })),
      }),
    reportedSize: 3_000,
    extension: 'json',
  },
  {
    name: 'a conditional resource whose statements each test a condition of their own with Fn::If (read per side, in readings bounded by its size)',
    make: (n) => {
      const statements = Array.from({ length: n }, (_, i) => `{Effect: Allow, Action: !If [C${i}, sts:AssumeRoot, s3:GetObjet], Resource: "*", Condition: !If [C${i}, !Ref AWS::NoValue, {Bool: {aws:SecureTransport: "true"}}]}`);
      return yamlTemplate(`[${statements.join(', ')}]`).replace('    Type: AWS::IAM::ManagedPolicy\n', '    Type: AWS::IAM::ManagedPolicy\n    Condition: Deployed\n');
    },
    reportedSize: 5_000,
    extension: 'yaml',
  },
  {
    name: 'Fn::ForEach loops of 64 task names each (each copy charged to a budget per template, past it not checked)',
    make: (n) => {
      const tasks = Array.from({ length: 64 }, (_, i) => ['IAMAuditRootUserCredentials', 'S3UnlockBucketPolicy', 'SQSUnlockQueuePolicy'][i % 3]);
      const statement = '{Effect: Allow, Action: sts:AssumeRoot, Resource: "*", Condition: {StringEquals: {sts:TaskPolicyArn: !Sub "arn:${AWS::Partition}:iam::aws:policy/root-task/${Task}"}}}';
      const loop = (i: number) => `  Fn::ForEach::L${i}:\n    - Task\n    - [${tasks.join(', ')}]\n    - P${i}&{Task}:\n        Type: AWS::IAM::ManagedPolicy\n        Properties: {PolicyDocument: {Version: "2012-10-17", Statement: [${statement}]}}\n`;
      return `Transform: AWS::LanguageExtensions\nResources:\n${Array.from({ length: n }, (_, i) => loop(i)).join('')}`;
    },
    reportedSize: 5_000,
    extension: 'yaml',
  },
  {
    name: 'template conditions each an Fn::And of the one before it twice (walked as a tree: 2^n ways to the first, a crash at 22)',
    make: (n) => chainedConditions(n, (previous) => `!And [!Condition ${previous}, !Condition ${previous}]`),
    reportedSize: 22,
    extension: 'yaml',
  },
  {
    name: 'template conditions each an Fn::Not of the one before it (read by recursion, the stack overflowed at 2,000)',
    make: (n) => chainedConditions(n, (previous) => `!Not [!Condition ${previous}]`),
    reportedSize: 2_000,
    extension: 'yaml',
  },
  {
    name: "policies each testing a link of one long chain of conditions (each followed the chain: 40 s at 2 MB; now the file's budget)",
    make: (n) => policiesAlongAChain(20 * n, n),
    reportedSize: 1_000,
    extension: 'yaml',
  },
];

/** `policies` policies, each granting "*" under its own link of a chain of `length` Fn::Not conditions. */
function policiesAlongAChain(length: number, policies: number): string {
  const conditions = Array.from({ length: length - 1 }, (_, i) => `  C${i + 1}: !Not [!Condition C${i}]`);
  const resources = Array.from({ length: policies }, (_, j) => [
    `  P${j}:`,
    '    Type: AWS::IAM::ManagedPolicy',
    '    Properties:',
    `      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: !If [C${Math.floor(((j + 1) * length) / policies) - 1}, s3:GetObject, s3:PutObject], Resource: "*"}]}`,
  ]);
  return ['Parameters:', '  Env: {Type: String}', 'Conditions:', '  C0: !Equals [!Ref Env, prod]', ...conditions, 'Resources:', ...resources.flat(), ''].join('\n');
}

/** A template of `count` conditions, each defined from the one before it, whose policy grants "*" under the last. */
export function chainedConditions(count: number, define: (previous: string) => string): string {
  return [
    'Parameters:',
    '  Env: {Type: String}',
    'Conditions:',
    '  C0: !Equals [!Ref Env, prod]',
    ...Array.from({ length: count }, (_, i) => `  C${i + 1}: ${define(`C${i}`)}`),
    'Resources:',
    '  P:',
    '    Type: AWS::IAM::ManagedPolicy',
    '    Properties:',
    '      PolicyDocument:',
    '        Version: "2012-10-17"',
    '        Statement:',
    `          - {Effect: Allow, Action: !If [C${count}, "*", s3:GetObject], Resource: "*"}`,
    '',
  ].join('\n');
}

function yamlTemplate(statement: string, before = ''): string {
  return `AWSTemplateFormatVersion: "2010-09-09"\n${before}Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement: ${statement}\n`;
}
