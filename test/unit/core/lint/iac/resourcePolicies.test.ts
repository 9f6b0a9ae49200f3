import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { applyFix, lintFiles, lintText, readPolicyDocuments } from '../../../../../src/core/lint/linter';
import { lineOf, ruleLines } from './fixtures';

/** A resource policy granting `action` to one account, as YAML flow. */
const granting = (action: string) => `{Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {AWS: "arn:aws:iam::111122223333:root"}, Action: ${action}, Resource: "*"}]}`;
const grantingJson = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: action, Resource: '*' }] });

describe('resource policies of endpoints, log groups, tables, organizations and event buses', () => {
  it('CloudFormation: each read where it is written, as a resource policy', () => {
    // [resource type, its properties (at 6 spaces, starting on line 5 of the resource), the finding's line in the resource]
    const table: [type: string, properties: string[], found: string[]][] = [
      ['AWS::EC2::VPCEndpoint', ['ServiceName: com.amazonaws.us-east-1.s3', `PolicyDocument: ${granting('s3:GetObjet')}`], ['RG009@6']],
      // An endpoint policy names its principals, as any resource policy.
      ['AWS::EC2::VPCEndpoint', ['PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}'], ['RG002@5']],
      ['AWS::Logs::ResourcePolicy', ['PolicyName: p', `PolicyDocument: '${grantingJson('logs:PutLogEvent')}'`], ['RG009@6']],
      ['AWS::DynamoDB::Table', ['ResourcePolicy:', `  PolicyDocument: ${granting('dynamodb:GetItm')}`], ['RG009@6']],
      ['AWS::DynamoDB::Table', ['ResourcePolicy: !If', '  - Shared', `  - PolicyDocument: ${granting('dynamodb:GetItm')}`, '  - !Ref AWS::NoValue'], ['RG009@7']],
      // A table's stream has a policy of its own; a global table's replicas each have one, and one for their stream.
      ['AWS::DynamoDB::Table', ['StreamSpecification:', '  StreamViewType: NEW_IMAGE', '  ResourcePolicy:', `    PolicyDocument: ${granting('dynamodb:GetRecrds')}`], ['RG009@8']],
      [
        'AWS::DynamoDB::GlobalTable',
        [
          'Replicas:',
          '  - Region: us-east-1',
          `    ResourcePolicy: {PolicyDocument: ${granting('dynamodb:GetItm')}}`,
          '  - Region: eu-west-1',
          `    ReplicaStreamSpecification: {ResourcePolicy: {PolicyDocument: ${granting('dynamodb:GetRecrds')}}}`,
        ],
        ['RG009@7', 'RG009@9'],
      ],
      ['AWS::Events::EventBus', ['Name: orders', `Policy: ${granting('events:PutEvent')}`], ['RG009@6']],
      ['AWS::Organizations::ResourcePolicy', [`Content: ${granting('organizations:DescribeOrganisation')}`], ['RG009@5']],
      // One statement, which EventBridge makes the bus's policy of: as YAML, or as a JSON string.
      ['AWS::Events::EventBusPolicy', ['StatementId: s', 'Statement: {Effect: Allow, Principal: {AWS: "111122223333"}, Action: events:PutEvent, Resource: "*"}'], ['RG009@6']],
      ['AWS::Events::EventBusPolicy', ['StatementId: s', `Statement: '${JSON.stringify({ Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: '*' })}'`], ['RG208@6']],
      // The older form: the statement EventBridge builds of Action, Principal and Condition.
      ['AWS::Events::EventBusPolicy', ['StatementId: s', 'Action: events:PutEvents', "Principal: '*'"], ['RG208@7']],
      ['AWS::Events::EventBusPolicy', ['StatementId: s', 'Action: events:PutEvents', "Principal: '*'", 'Condition: {Type: StringEquals, Key: aws:PrincipalOrgID, Value: o-a1b2c3d4e5}'], []],
      ['AWS::Events::EventBusPolicy', ['EventBusName: orders', 'StatementId: s', 'Action: events:PutEvent', 'Principal: 111122223333'], ['RG009@7']],
    ];
    for (const [type, properties, found] of table) {
      const text = ['Resources:', '  R:', `    Type: ${type}`, '    Properties:', ...properties.map((line) => `      ${line}`), ''].join('\n');
      assert.deepEqual(ruleLines(lintText({ path: 't.yaml', text })), found, `${type}:\n${text}`);
    }
  });

  it('CloudFormation: a table\'s ResourcePolicy given by another function is not checked (RG010); an event bus statement\'s fix is written in place', () => {
    const imported = ['Resources:', '  T:', '    Type: AWS::DynamoDB::Table', '    Properties:', '      ResourcePolicy: !ImportValue shared-policy', ''].join('\n');
    const [finding] = lintText({ path: 't.yaml', text: imported });
    assert.deepEqual([finding.ruleId, finding.line, finding.message], ['RG010', 5, 'Resources.T.Properties.ResourcePolicy is not checked: it is given by Fn::ImportValue, known only at deployment.']);
    // Replicas a function computes: not checked where they write a policy, and nothing to say where they write none.
    const replicas = (replica: string) => ['Resources:', '  T:', '    Type: AWS::DynamoDB::GlobalTable', '    Properties:', `      Replicas: !If [Two, [${replica}], [{Region: eu-west-1}]]`, ''].join('\n');
    assert.deepEqual(
      lintText({ path: 't.yaml', text: replicas(`{Region: us-east-1, ResourcePolicy: {PolicyDocument: ${granting('dynamodb:GetItem')}}}`) }).map((f) => `${f.ruleId}@${f.line} ${f.message}`),
      ['RG010@5 Resources.T.Properties.Replicas is not checked: it is computed at deployment, not written as a list.'],
    );
    assert.deepEqual(lintText({ path: 't.yaml', text: replicas('{Region: us-east-1}') }), []);
    const bus = ['Resources:', '  B:', '    Type: AWS::Events::EventBusPolicy', '    Properties:', '      StatementId: s', '      Statement:', '        Effect: Allow', '        Principal: {AWS: "111122223333"}', '        Action: events:PutEvent', '        Resource: "*"', ''].join('\n');
    const [typo] = lintText({ path: 't.yaml', text: bus });
    assert.deepEqual([typo.ruleId, typo.line], ['RG009', 9]);
    const fixed = applyFix(bus, typo.fixes[0]);
    assert.match(fixed, /\n {8}Action: events:PutEvents\n/);
    assert.deepEqual(lintText({ path: 't.yaml', text: fixed }), []);
  });

  it('CloudFormation: an event bus statement written as a JSON string is fixed where it is written, as a string policy is', () => {
    const statement = { Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'events:PutEvent', Resource: '*' };
    const bus = (properties: object) => ({ Resources: { B: { Type: 'AWS::Events::EventBusPolicy', Properties: { StatementId: 's', ...properties } } } });
    for (const [path, text] of [
      ['t.template.json', JSON.stringify(bus({ Statement: JSON.stringify(statement) }), null, 2)],
      ['t.yaml', ['Resources:', '  B:', '    Type: AWS::Events::EventBusPolicy', '    Properties:', '      StatementId: s', '      Statement: |', `        ${JSON.stringify(statement)}`, ''].join('\n')],
    ]) {
      const [typo] = lintText({ path, text });
      assert.deepEqual([typo.ruleId, typo.line], ['RG009', lineOf(text, 'events:PutEvent')], path);
      const fixed = applyFix(text, typo.fixes[0]);
      assert.deepEqual(lintText({ path, text: fixed }), [], path);
    }
  });

  it('CloudFormation: an event bus policy of the older form is offered no fix (its properties hold strings, not the statement\'s lists)', () => {
    const properties = { StatementId: 's', Action: 'events:PutEvent', Principal: '*' };
    for (const [path, text] of [
      ['t.yaml', ['Resources:', '  B:', '    Type: AWS::Events::EventBusPolicy', '    Properties:', ...Object.entries(properties).map(([k, v]) => `      ${k}: '${v}'`), ''].join('\n')],
      ['t.template.json', JSON.stringify({ Resources: { B: { Type: 'AWS::Events::EventBusPolicy', Properties: properties } } }, null, 2)],
    ]) {
      const findings = lintText({ path, text });
      assert.deepEqual(ruleLines(findings), [`RG009@${lineOf(text, 'events:PutEvent')}`, `RG208@${lineOf(text, 'Principal')}`], path);
      assert.deepEqual(findings.flatMap((f) => f.fixes), [], path);
    }
  });

  it('CloudFormation JSON: a VPC endpoint\'s policy is read in place', () => {
    const template = { Resources: { E: { Type: 'AWS::EC2::VPCEndpoint', Properties: { ServiceName: 'com.amazonaws.us-east-1.sts', PolicyDocument: JSON.parse(grantingJson('sts:AssumeRol')) } } } };
    const text = JSON.stringify(template, null, 2);
    assert.deepEqual(ruleLines(lintText({ path: 't.template.json', text })), [`RG009@${lineOf(text, '"sts:AssumeRol"')}`]);
  });

  it('CloudFormation: registries, APIs, backup vaults, S3 control points, Elasticsearch, CodeArtifact, streams, Lattice', () => {
    const table: [type: string, property: string, action: string][] = [
      ['AWS::ECR::RegistryPolicy', 'PolicyText', 'ecr:ReplicateImag'],
      ['AWS::ECR::PublicRepository', 'RepositoryPolicyText', 'ecr-public:BatchCheckLayerAvailabilit'],
      ['AWS::ApiGateway::RestApi', 'Policy', 'execute-api:Invok'],
      ['AWS::Backup::BackupVault', 'AccessPolicy', 'backup:CopyIntoBackupVaul'],
      ['AWS::S3::MultiRegionAccessPointPolicy', 'Policy', 's3:GetObjet'],
      ['AWS::S3ObjectLambda::AccessPointPolicy', 'PolicyDocument', 's3-object-lambda:GetObjet'],
      ['AWS::S3Express::BucketPolicy', 'PolicyDocument', 's3express:CreateSessio'],
      ['AWS::S3Outposts::BucketPolicy', 'PolicyDocument', 's3-outposts:GetObjet'],
      ['AWS::Elasticsearch::Domain', 'AccessPolicies', 'es:ESHttpGett'],
      ['AWS::CodeArtifact::Domain', 'PermissionsPolicyDocument', 'codeartifact:GetAuthorizationTokn'],
      ['AWS::CodeArtifact::Repository', 'PermissionsPolicyDocument', 'codeartifact:ReadFromRepositor'],
      ['AWS::Kinesis::ResourcePolicy', 'ResourcePolicy', 'kinesis:GetRecrds'],
      ['AWS::CloudTrail::ResourcePolicy', 'ResourcePolicy', 'cloudtrail:StartQuer'],
      ['AWS::VpcLattice::AuthPolicy', 'Policy', 'vpc-lattice-svcs:Invok'],
      ['AWS::VpcLattice::ResourcePolicy', 'Policy', 'vpc-lattice:CreateServiceNetworkVpcAssociatio'],
    ];
    const text = `Resources:\n${table.map(([type, property, action], i) => `  R${i}:\n    Type: ${type}\n    Properties:\n      ${property}: ${granting(action)}\n`).join('')}`;
    const { documents } = readPolicyDocuments({ path: 't.yaml', text });
    assert.deepEqual(documents.map((d) => [d.origin, d.type]), table.map(([, property], i) => [`Resources.R${i}.Properties.${property}`, 'resource']));
    assert.deepEqual(ruleLines(lintText({ path: 't.yaml', text })), table.map((_, i) => `RG009@${5 + 4 * i}`));
  });

  it('CloudFormation: a SAM Api\'s Auth.ResourcePolicy of lists SAM builds statements from is RG010, naming them', () => {
    const text = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      Auth:\n        ResourcePolicy:\n          AwsAccountWhitelist: ["111122223333"]\n          CustomStatements: [{Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: "execute-api:/*"}]\n';
    assert.deepEqual(
      lintText({ path: 't.yaml', text }).map((f) => `${f.ruleId}@${f.line} ${f.message}`),
      ['RG010@9 Resources.Api.Properties.Auth.ResourcePolicy is not checked: SAM builds the API\'s resource policy from it (AwsAccountWhitelist), which the linter does not read.'],
    );
  });

  it('CloudFormation: a SAM Api\'s Auth.ResourcePolicy.CustomStatements alone are its resource policy, each finding on its statement', () => {
    const api = (name: string, customStatements: string[]) => [`  ${name}:`, '    Type: AWS::Serverless::Api', '    Properties:', '      StageName: prod', '      Auth:', '        ResourcePolicy:', ...customStatements];
    const text = [
      'Transform: AWS::Serverless-2016-10-31',
      'Conditions:',
      '  Open: !Equals [!Ref AWS::Region, us-east-1]',
      'Resources:',
      ...api('Listed', [
        '          CustomStatements:',
        '            - {Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: "execute-api:/prod/GET/*"}',
        '            - {Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: "execute-api:/prod/PUT/*", Condition: {StringEquals: {"aws:PrincipalOrgID": o-abcdefghij}}}',
      ]),
      // One statement, on one side of an !If: SAM takes a statement alone as a list of one.
      ...api('UnderIf', ['          CustomStatements: !If', '            - Open', '            - {Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: "execute-api:/*"}', '            - !Ref AWS::NoValue']),
      '',
    ].join('\n');
    const { documents } = readPolicyDocuments({ path: 't.yaml', text });
    assert.deepEqual(documents.map((d) => [d.origin, d.type]), [
      ['Resources.Listed.Properties.Auth.ResourcePolicy.CustomStatements', 'resource'],
      ['Resources.UnderIf.Properties.Auth.ResourcePolicy.CustomStatements', 'resource'],
    ]);
    const PUBLIC = 'Any principal of any AWS account can call "execute-api:Invoke" here: Principal "*" with no condition on who calls.';
    assert.deepEqual(
      lintText({ path: 't.yaml', text }).map((f) => `${f.ruleId}@${f.line}:${f.column} ${f.message.split(' Name the principals')[0]}`),
      [`RG208@${lineOf(text, 'prod/GET')}:42 ${PUBLIC}`, `RG208@${lineOf(text, '"execute-api:/*"')}:42 When condition Open is true: ${PUBLIC}`],
    );
  });

  it('CloudFormation JSON: a SAM Api\'s CustomStatements list is no policy of the wrong type (RG002), its statements checked', () => {
    const statements = [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }];
    const template = { Transform: 'AWS::Serverless-2016-10-31', Resources: { Api: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'p', Auth: { ResourcePolicy: { CustomStatements: statements } } } } } };
    const text = JSON.stringify(template, null, 2);
    assert.deepEqual(ruleLines(lintText({ path: 't.template.json', text })), [`RG208@${lineOf(text, '"Principal"')}`]);
  });

  it('CloudFormation JSON: a policy under an item\'s or a property\'s Fn::If is read per side, its fix written in place', () => {
    const policy = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: action, Resource: '*' }] });
    const underIf = (value: object) => ({ 'Fn::If': ['Shared', value, { Ref: 'AWS::NoValue' }] });
    const resources: [what: string, resource: object, action: string][] = [
      ['a table\'s ResourcePolicy', { Type: 'AWS::DynamoDB::Table', Properties: { ResourcePolicy: underIf({ PolicyDocument: policy('dynamodb:GetItm') }) } }, 'dynamodb:GetItm'],
      ['an item of a role\'s Policies', { Type: 'AWS::IAM::User', Properties: { Policies: [underIf({ PolicyName: 'p', PolicyDocument: { ...policy('s3:GetObjet'), Statement: [{ Effect: 'Allow', Action: 's3:GetObjet', Resource: '*' }] } })] } }, 's3:GetObjet'],
    ];
    for (const [what, resource, action] of resources) {
      const text = JSON.stringify({ Conditions: { Shared: { 'Fn::Equals': [{ Ref: 'Sharing' }, 'on'] } }, Resources: { R: resource } }, null, 2);
      const findings = lintText({ path: 't.template.json', text }).filter((f) => f.ruleId === 'RG009');
      assert.deepEqual(ruleLines(findings), [`RG009@${lineOf(text, `"${action}"`)}`], what);
      assert.equal(lintText({ path: 't.template.json', text: applyFix(text, findings[0].fixes[0]) }).filter((f) => f.ruleId === 'RG009').length, 0, what);
    }
  });

  describe('Terraform', () => {
    let hcl: HclParser;
    before(async () => {
      hcl = await loadHclParser();
    });

    it('each resource\'s policy read as a resource policy', () => {
      const policy = (action: string) => `jsonencode(${JSON.stringify(JSON.parse(grantingJson(action))).replace(/"(\w+)":/g, '$1 = ')})`;
      const table: [type: string, attribute: string, action: string][] = [
        ['aws_vpc_endpoint', 'policy', 's3:GetObjet'],
        ['aws_vpc_endpoint_policy', 'policy', 's3:PutObjet'],
        ['aws_organizations_resource_policy', 'content', 'organizations:DescribeOrganisation'],
        ['aws_cloudwatch_event_bus_policy', 'policy', 'events:PutEvent'],
        ['aws_ecr_registry_policy', 'policy', 'ecr:ReplicateImag'],
        ['aws_api_gateway_rest_api', 'policy', 'execute-api:Invok'],
        ['aws_api_gateway_rest_api_policy', 'policy', 'execute-api:Invok'],
        ['aws_backup_vault_policy', 'policy', 'backup:CopyIntoBackupVaul'],
        ['aws_s3control_access_point_policy', 'policy', 's3:GetObjet'],
        ['aws_s3control_bucket_policy', 'policy', 's3-outposts:GetObjet'],
        ['aws_s3control_object_lambda_access_point_policy', 'policy', 's3-object-lambda:GetObjet'],
        ['aws_elasticsearch_domain', 'access_policies', 'es:ESHttpGett'],
        ['aws_elasticsearch_domain_policy', 'access_policies', 'es:ESHttpGett'],
        ['aws_codeartifact_domain_permissions_policy', 'policy_document', 'codeartifact:GetAuthorizationTokn'],
        ['aws_codeartifact_repository_permissions_policy', 'policy_document', 'codeartifact:ReadFromRepositor'],
        ['aws_glue_resource_policy', 'policy', 'glue:GetTabl'],
        ['aws_kinesis_resource_policy', 'policy', 'kinesis:GetRecrds'],
        ['aws_vpclattice_auth_policy', 'policy', 'vpc-lattice-svcs:Invok'],
        ['aws_vpclattice_resource_policy', 'policy', 'vpc-lattice:CreateServiceNetworkVpcAssociatio'],
      ];
      const text = table.map(([type, attribute, action]) => `resource "${type}" "r" {\n  ${attribute} = ${policy(action)}\n}\n`).join('');
      const { documents } = readPolicyDocuments({ path: 'main.tf', text }, { hcl });
      assert.deepEqual(documents.map((d) => [d.origin, d.type]), table.map(([type, attribute]) => [`${type}.r.${attribute}`, 'resource']));
      assert.deepEqual(ruleLines(lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings), table.map((_, i) => `RG009@${2 + 3 * i}`));
    });
  });
});
