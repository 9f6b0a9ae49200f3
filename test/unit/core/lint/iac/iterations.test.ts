import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { readYamlTemplate } from '../../../../../src/core/lint/iac/yamlTemplate';
import { lintFiles, lintText, readPolicyDocuments } from '../../../../../src/core/lint/linter';
import type { Finding } from '../../../../../src/core/lint/model';
import { managedPolicyTemplate } from './fixtures';

const TASK = 'arn:aws:iam::aws:policy/root-task/';
/** `RULE@line what`: `what` a finding about every task policy (RG101) or one misspelled (RG103). */
const described = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.ruleId}@${f.line} ${/every task policy/.test(f.message) ? EVERY_TASK : /IAMCreateRootUserPasswrd/.test(f.message) ? MISSPELLED : f.message}`);
const EVERY_TASK = 'every task policy';
const MISSPELLED = 'IAMCreateRootUserPasswrd';

describe('iterations over values written in place: each value read, not an unknown part', () => {
  describe('CloudFormation Fn::ForEach', () => {
    /** A loop making one managed policy per value of `collection`, scoped to the task `taskArn` names. */
    const loop = (collection: string, logicalId = 'RootOps${Task}', taskArn = `!Sub "${TASK.replace('aws', '${AWS::Partition}')}\${Task}"`) =>
      [
        'Transform: AWS::LanguageExtensions',
        'Resources:',
        '  Fn::ForEach::Tasks:',
        '    - Task',
        `    - ${collection}`,
        `    - ${logicalId}:`,
        '        Type: AWS::IAM::ManagedPolicy',
        '        Properties:',
        '          PolicyDocument:',
        '            Version: "2012-10-17"',
        '            Statement:',
        '              - Effect: Allow',
        '                Action: sts:AssumeRoot',
        '                Resource: "*"',
        `                Condition: {StringEquals: {sts:TaskPolicyArn: ${taskArn}}}`,
        '',
      ].join('\n');
    const table: [what: string, text: string, expected: string[]][] = [
      ['a list of tasks, one misspelled', loop('[IAMAuditRootUserCredentials, IAMCreateRootUserPasswrd]'), [`RG103@15 ${MISSPELLED}`]],
      ['a list of tasks written right', loop('[IAMAuditRootUserCredentials, S3UnlockBucketPolicy]'), []],
      ['a collection given by a parameter: any value', loop('!Ref TaskNames'), [`RG101@13 ${EVERY_TASK}`]],
      // AWS's own examples name the identifier with Ref as well as in Fn::Sub.
      ['a list of task ARNs, each named by !Ref, one misspelled', loop(`[${TASK}IAMAuditRootUserCredentials, ${TASK}IAMCreateRootUserPasswrd]`, undefined, '!Ref Task'), [`RG103@15 ${MISSPELLED}`]],
      ['a list of task ARNs, each named by {Ref: ...}', loop(`[${TASK}IAMAuditRootUserCredentials, ${TASK}S3UnlockBucketPolicy]`, undefined, '{Ref: Task}'), []],
      ['a collection given by a parameter, named by !Ref: any value', loop('!Ref TaskNames', undefined, '!Ref Task'), [`RG101@13 ${EVERY_TASK}`]],
      [
        'more values than are read one by one: not checked, and why',
        loop(`[${Array.from({ length: 65 }, () => 'IAMAuditRootUserCredentials').join(', ')}]`),
        ['RG010@4 Resources.Fn::ForEach::Tasks is not checked: it makes 65 copies of its body, more than the linter reads one value at a time (64).'],
      ],
    ];
    for (const [what, text, expected] of table) {
      it(what, () => {
        assert.deepEqual(described(lintText({ path: 't.yaml', text })), expected);
      });
    }

    /** `count` loops over three tasks, each loop's policy also granting `actions` copies of an action. */
    const loops = (count: number, actions: number) =>
      [
        'Transform: AWS::LanguageExtensions',
        'Resources:',
        ...Array.from({ length: count }, (_, i) => [
          `  Fn::ForEach::Tasks${i}:`,
          '    - Task',
          '    - [IAMAuditRootUserCredentials, S3UnlockBucketPolicy, SQSUnlockQueuePolicy]',
          `    - RootOps${i}\${Task}:`,
          '        Type: AWS::IAM::ManagedPolicy',
          '        Properties:',
          '          PolicyDocument:',
          '            Version: "2012-10-17"',
          '            Statement:',
          `              - {Effect: Allow, Action: [${Array(actions).fill('s3:GetObject').join(', ')}], Resource: "arn:aws:s3:::b${i}/*"}`,
          `              - {Effect: Allow, Action: sts:AssumeRoot, Resource: "*", Condition: {StringEquals: {sts:TaskPolicyArn: !Sub "${TASK}\${Task}"}}}`,
        ]).flat(),
        '',
      ].join('\n');
    const budgetTable: [what: string, text: string, expected: string[]][] = [
      // 20 loops of 3 copies of 5 KB: past the 256 KB a template's loops once copied in all.
      ['identical loops get the same answer wherever the template writes them', loops(20, 300), []],
      // 3 copies of 420 KB: past the 1 MB the loops of a template copy.
      [
        "a loop past what the template's loops copy: not checked, and why, never read as any task",
        loops(1, 30_000),
        ["RG010@4 Resources.Fn::ForEach::Tasks0 is not checked: the file's loops copy more than 1 MB of text, more than the linter reads one value at a time."],
      ],
    ];
    for (const [what, text, expected] of budgetTable) {
      it(what, () => {
        assert.deepEqual(described(lintText({ path: 't.yaml', text })), expected);
      });
    }

    it('names each resource as CloudFormation makes it: ${Task} the value, &{Task} its letters and digits', () => {
      const origins = (text: string) => readYamlTemplate(text, undefined).documents.map((d) => d.origin.split('.')[1]);
      assert.deepEqual(origins(loop('[IAMAuditRootUserCredentials, S3UnlockBucketPolicy]')), ['RootOpsIAMAuditRootUserCredentials', 'RootOpsS3UnlockBucketPolicy']);
      assert.deepEqual(origins(loop('[audit-only]', 'RootOps&{Task}')), ['RootOpsauditonly']);
      assert.deepEqual(origins(loop('!Ref TaskNames')), ['RootOps${Task}']);
    });
  });

  describe('CloudFormation Fn::ForEach in Conditions', () => {
    /** Conditions made by a loop over `collection` (`fragment`: the condition it makes of each), tested by a policy's `action`. */
    const template = (collection: string, fragment: string, action: string) =>
      managedPolicyTemplate(
        ['Transform: AWS::LanguageExtensions', 'Parameters:', '  Env: {Type: String, AllowedValues: [prod, dev]}', 'Conditions:', '  Fn::ForEach::Envs:', '    - E', `    - ${collection}`, `    - ${fragment}`],
        [`        Statement: [{Effect: Allow, Action: ${action}, Resource: "*"}]`],
      );
    const EACH = '{"Is${E}": !Equals [!Ref Env, "${E}"]}';
    const BOTH = '!If [Isprod, !If [Isdev, "*", s3:GetObject], s3:GetObject]';
    const admin = (when: string) => [`RG101@15 ${EVERY_TASK}`, `RG201@15 When ${when}: Allows every action on every resource without condition: full administrator access, sts:AssumeRoot and IAM included.`];
    const table: [what: string, text: string, expected: string[]][] = [
      ['one condition per value: never two values at once', template('[prod, dev]', EACH, BOTH), []],
      ['named by &{E}, compared with !Ref E: never two values at once', template('[prod, dev]', '{"Is&{E}": !Equals [!Ref Env, !Ref E]}', BOTH), []],
      ['one condition per value: each side read', template('[prod, dev]', EACH, '!If [Isdev, s3:GetObject, "*"]'), admin('condition Isdev is false')],
      [
        'more values than are read one by one: not checked, and why, its conditions read as unknown',
        template(`[${Array.from({ length: 65 }, (_, i) => (i < 2 ? ['prod', 'dev'][i] : `e${i}`)).join(', ')}]`, EACH, BOTH),
        ['RG010@6 Conditions.Fn::ForEach::Envs is not checked: it makes 65 copies of its body, more than the linter reads one value at a time (64).', ...admin('conditions Isprod is true and Isdev is true')],
      ],
    ];
    for (const [what, text, expected] of table) {
      it(what, () => {
        assert.deepEqual(described(lintText({ path: 't.yaml', text })), expected);
      });
    }
  });

  describe('Terraform', () => {
    let hcl: HclParser;
    before(async () => {
      hcl = await loadHclParser();
    });
    // A document nothing uses is checked as an identity policy, RG010 says so: not what these tests are about.
    const lintTf = (text: string) => lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings.filter((f) => !f.message.includes('no resource, output or module argument the linter reads uses it'));
    const tasks = (...names: string[]) => ['locals {', `  tasks = [${names.map((n) => `"${n}"`).join(', ')}]`, '}'];
    /** A policy document with one statement per task of `forEach`, named `statement` or by `iterator`. */
    const dynamicStatement = (forEach: string, iterator?: string) => {
      const name = iterator ?? 'statement';
      return [
        'data "aws_iam_policy_document" "root_ops" {',
        '  dynamic "statement" {',
        `    for_each = ${forEach}`,
        ...(iterator ? [`    iterator = ${iterator}`] : []),
        '    content {',
        '      actions   = ["sts:AssumeRoot"]',
        '      resources = ["*"]',
        '      condition {',
        '        test     = "StringEquals"',
        '        variable = "sts:TaskPolicyArn"',
        `        values   = ["${TASK}\${${name}.value}"]`,
        '      }',
        '    }',
        '  }',
        '}',
      ];
    };
    /** A policy per task of `forEach`, each scoped to its task. */
    const perTask = (forEach: string) => [
      'resource "aws_iam_policy" "per_task" {',
      `  for_each = ${forEach}`,
      '  policy = jsonencode({',
      '    Version   = "2012-10-17"',
      `    Statement = [{ Effect = "Allow", Action = "sts:AssumeRoot", Resource = "*", Condition = { StringEquals = { "sts:TaskPolicyArn" = "${TASK}\${each.value}" } } }]`,
      '  })',
      '}',
    ];
    /** A policy of one statement per task of `collection`, built by a `[for ...]` expression. */
    const forStatements = (collection: string) => [
      'resource "aws_iam_policy" "per_task" {',
      '  policy = jsonencode({',
      '    Version   = "2012-10-17"',
      `    Statement = [for t in ${collection} : { Effect = "Allow", Action = "sts:AssumeRoot", Resource = "*", Condition = { StringEquals = { "sts:TaskPolicyArn" = "${TASK}\${t}" } } }]`,
      '  })',
      '}',
    ];
    /** A policy document whose task condition's values a `[for ...]` builds from `collection`. */
    const forValues = (collection: string) => [
      'data "aws_iam_policy_document" "root_ops" {',
      '  statement {',
      '    actions   = ["sts:AssumeRoot"]',
      '    resources = ["*"]',
      '    condition {',
      '      test     = "StringEquals"',
      '      variable = "sts:TaskPolicyArn"',
      `      values   = [for t in ${collection} : "${TASK}\${t}"]`,
      '    }',
      '  }',
      '}',
    ];
    const sixtyFiveTasks = `[${Array(65).fill('"IAMAuditRootUserCredentials"').join(', ')}]`;
    const TOO_MANY = 'its [for ...] is not read value by value: it makes 65 copies of its body, more than the linter reads one value at a time (64).';
    /** `count` resources, each for each of three tasks, each policy also granting `actions` copies of an action. */
    const resources = (count: number, actions: number) =>
      Array.from({ length: count }, (_, i) => [
        `resource "aws_iam_policy" "root_ops_${i}" {`,
        '  for_each = toset(["IAMAuditRootUserCredentials", "S3UnlockBucketPolicy", "SQSUnlockQueuePolicy"])',
        '  policy = jsonencode({',
        '    Version   = "2012-10-17"',
        '    Statement = [',
        `      { Effect = "Allow", Action = [${Array(actions).fill('"s3:GetObject"').join(', ')}], Resource = "arn:aws:s3:::b${i}/*" },`,
        `      { Effect = "Allow", Action = "sts:AssumeRoot", Resource = "*", Condition = { StringEquals = { "sts:TaskPolicyArn" = "${TASK}\${each.value}" } } }`,
        '    ]',
        '  })',
        '}',
      ]).flat();
    const NOT_READ = "the file's loops copy more than 1 MB of text, more than the linter reads one value at a time.";
    const table: [what: string, lines: string[], expected: string[]][] = [
      // 20 resources of 3 instances of 5 KB: past the 256 KB a file's iterations once copied in all.
      ['identical resources get the same answer wherever the file writes them', resources(20, 300), []],
      // 3 instances of 380 KB: past the 1 MB a file's iterations copy.
      ["a resource past what the file's iterations copy: not checked, and why", resources(1, 24_000), [`RG010@2 aws_iam_policy.root_ops_0 is not checked: ${NOT_READ}`]],
      [
        'a dynamic statement past them: its document not checked, and why',
        dynamicStatement(`[${Array(64).fill('"IAMAuditRootUserCredentials"').join(', ')}]`).map((line) => line.replace('["*"]', `[${Array(4_000).fill('"*"').join(', ')}]`)),
        [`RG010@3 data.aws_iam_policy_document.root_ops is not checked: its dynamic "statement" is not read: ${NOT_READ}`],
      ],
      ['a [for ...] of statements, one task misspelled', forStatements('["IAMAuditRootUserCredentials", "IAMCreateRootUserPasswrd"]'), [`RG103@4 ${MISSPELLED}`]],
      // Read once, `t` unknown, it would read as a grant of every task (RG101): not checked, and why.
      ['a [for ...] of statements past the bounds: not checked, and why', forStatements(sixtyFiveTasks), [`RG010@4 aws_iam_policy.per_task.policy is not checked: ${TOO_MANY}`]],
      ['a [for ...] of condition values past them: the document not checked, and why', forValues(sixtyFiveTasks), [`RG010@8 data.aws_iam_policy_document.root_ops is not checked: ${TOO_MANY}`]],
      ['a dynamic statement over a local list, one task misspelled', [...tasks('IAMAuditRootUserCredentials', 'IAMCreateRootUserPasswrd'), ...dynamicStatement('toset(local.tasks)')], [`RG103@13 ${MISSPELLED}`]],
      ['a dynamic statement over a list written right, its iterator named', [...dynamicStatement('["IAMAuditRootUserCredentials", "S3UnlockBucketPolicy"]', 'task')], []],
      ['a dynamic statement over a variable: any value', [...dynamicStatement('var.tasks')], [`RG101@5 ${EVERY_TASK}`]],
      ['a resource for each of a set of tasks, one misspelled', [...tasks('IAMAuditRootUserCredentials', 'IAMCreateRootUserPasswrd'), ...perTask('toset(local.tasks)')], [`RG103@8 ${MISSPELLED}`]],
      ['a resource for each of a variable: any value', perTask('var.tasks'), [`RG101@5 ${EVERY_TASK}`]],
    ];
    for (const [what, lines, expected] of table) {
      it(what, () => {
        assert.deepEqual(described(lintTf([...lines, ''].join('\n'))), expected);
      });
    }

    it('for_each over a map written in place: each.key its key, each.value its string', () => {
      const text = [
        'data "aws_iam_policy" "x" {',
        '  for_each = { admin = "AdministratorAccess", ro = "ReadOnlyAccess" }',
        '  name     = each.value',
        '}',
        'resource "aws_iam_role_policy_attachment" "a" {',
        '  role       = "ops"',
        '  policy_arn = data.aws_iam_policy.x["admin"].arn',
        '}',
        'resource "aws_lambda_permission" "x" {',
        '  for_each      = tomap({ open = "*", account = "123456789012" })',
        '  action        = "lambda:InvokeFunction"',
        '  function_name = "my-fn"',
        '  principal     = each.value',
        '}',
        ...dynamicStatement('{ audit = "IAMAuditRootUserCredentials", password = "IAMCreateRootUserPasswrd" }'),
        // A map whose value is no string written here is read once, each.value unknown.
        ...perTask('{ audit = var.task }'),
        '',
      ].join('\n');
      const { documents } = readPolicyDocuments({ path: 'main.tf', text }, { hcl });
      assert.deepEqual(documents.map((d) => d.origin).filter((origin) => origin.startsWith('aws_lambda')), ['aws_lambda_permission.x["open"]', 'aws_lambda_permission.x["account"]']);
      assert.deepEqual(described(lintTf(text)), [
        'RG201@7 Attaches the AWS managed policy AdministratorAccess, which allows every action on every resource without condition: full administrator access, sts:AssumeRoot and IAM included.',
        'RG208@10 Any principal of any AWS account can call "lambda:InvokeFunction" here: Principal "*" with no condition on who calls. Name the principals, or add a condition on aws:PrincipalOrgID or aws:PrincipalAccount.',
        `RG103@24 ${MISSPELLED}`,
        `RG101@33 ${EVERY_TASK}`,
      ]);
    });

    /** Lambda permissions for each of `forEach`, to `principal`, inside the organization by `orgId` (null: anyone's). */
    const permissions = (forEach: string, principal: string, orgId: string) => [
      'resource "aws_lambda_permission" "p" {',
      `  for_each         = ${forEach}`,
      '  action           = "lambda:InvokeFunction"',
      '  function_name    = "fn"',
      `  principal        = ${principal}`,
      `  principal_org_id = ${orgId}`,
      '}',
    ];
    /** A bucket policy for each of `forEach`, its policy's lines `policy`. */
    const bucketPolicies = (forEach: string, policy: string[]) => ['resource "aws_s3_bucket_policy" "p" {', `  for_each = ${forEach}`, '  bucket   = each.value', ...policy, '}'];
    /** A policy letting anyone read the bucket, on `condition`. */
    const publicRead = (condition?: string) => [
      '    Version   = "2012-10-17"',
      `    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::\${each.value}/*"${condition ? `, Condition = ${condition}` : ''} }]`,
    ];
    const ORG_ONLY = '{ StringEquals = { "aws:PrincipalOrgID" = "o-abcdefghij" } }';
    const PUBLIC_LAMBDA = 'Any principal of any AWS account can call "lambda:InvokeFunction" here';
    const PUBLIC_BUCKET = 'Any principal of any AWS account can call "s3:GetObject" here';
    /** `RULE@line:column` and the message up to its colon. */
    const placed = (findings: readonly Finding[]) => findings.map((f) => `${f.ruleId}@${f.line}:${f.column} ${f.message.split(': Principal')[0]}`);
    const decidedTable: [what: string, lines: string[], expected: string[]][] = [
      ['an org-only map entry', permissions('{ org = "*" }', 'each.value', 'each.key == "org" ? "o-abcdefghij" : null'), []],
      ['one public and one org-only map entry: the public one', permissions('{ pub = "*", org = "*" }', 'each.value', 'each.key == "org" ? "o-abcdefghij" : null'), [`RG208@2:30 ${PUBLIC_LAMBDA}`]],
      ['the same with != and !', permissions('{ pub = "*", org = "*" }', 'each.value', '!(each.key != "org") ? "o-abcdefghij" : null'), [`RG208@2:30 ${PUBLIC_LAMBDA}`]],
      ['a set, by each.value', permissions('toset(["org"])', '"*"', 'each.value == "org" ? "o-abcdefghij" : null'), []],
      ['a bucket policy whose condition each.key chooses', bucketPolicies('{ internal = "b1" }', ['  policy = jsonencode({', ...publicRead(`each.key == "internal" ? ${ORG_ONLY} : {}`), '  })']), []],
      [
        'bucket policies chosen whole by each.key: the public one',
        bucketPolicies('{ internal = "b1", web = "b2" }', ['  policy = each.key == "internal" ? jsonencode({', ...publicRead(ORG_ONLY), '  }) : jsonencode({', ...publicRead(), '  })']),
        [`RG208@9:50 ${PUBLIC_BUCKET}`],
      ],
      // A test of a variable is no instance's: both sides are read, the public one said so.
      ['a test of a variable: both sides read', permissions('{ org = "*" }', 'each.value', 'var.env == "org" ? "o-abcdefghij" : null'), [`RG208@2:30 When condition var.env == "org" is false: ${PUBLIC_LAMBDA}`]],
    ];
    for (const [what, lines, expected] of decidedTable) {
      it(`a conditional on each.key or each.value is decided per instance: ${what}`, () => {
        assert.deepEqual(placed(lintTf([...lines, ''].join('\n'))), expected);
      });
    }

    // A templatefile()'s variables are read as a jsonencode() argument is, a [for ...] among them too.
    const taskTemplate = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'sts:TaskPolicyArn': 'TASKS' } } }] }).replace(
      '"TASKS"',
      '${jsonencode(tasks)}',
    );
    const readRelative = (_from: string, relative: string) => (relative === 'tasks.json.tftpl' ? taskTemplate : { unreadable: 'no such file' });
    const templated = (collection: string) =>
      ['resource "aws_iam_policy" "per_task" {', `  policy = templatefile("tasks.json.tftpl", { tasks = [for t in ${collection} : "${TASK}\${t}"] })`, '}', ''].join('\n');
    const templateTable: [what: string, collection: string, expected: string[]][] = [
      ['a [for ...] given to templatefile(), one task misspelled', '["IAMAuditRootUserCredentials", "IAMCreateRootUserPasswrd"]', [`RG103@2 ${MISSPELLED}`]],
      // Read once, `t` unknown, the template would grant every task (RG101): not checked, and why.
      ['a [for ...] given to templatefile() past the bounds: not checked, and why', sixtyFiveTasks, [`RG010@2 aws_iam_policy.per_task.policy is not checked: ${TOO_MANY}`]],
    ];
    for (const [what, collection, expected] of templateTable) {
      it(what, () => {
        assert.deepEqual(described(lintFiles([{ path: 'main.tf', text: templated(collection) }], { hcl, readRelative })[0].findings), expected);
      });
    }

    it("names each resource's instance as Terraform does", () => {
      const text = [...tasks('IAMAuditRootUserCredentials', 'S3UnlockBucketPolicy'), ...perTask('toset(local.tasks)'), ''].join('\n');
      const { documents } = readPolicyDocuments({ path: 'main.tf', text }, { hcl });
      assert.deepEqual(
        documents.map((d) => d.origin),
        ['aws_iam_policy.per_task["IAMAuditRootUserCredentials"].policy', 'aws_iam_policy.per_task["S3UnlockBucketPolicy"].policy'],
      );
    });
  });
});
