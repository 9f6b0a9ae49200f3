/**
 * What the global condition keys mean, in one line each (IAM User Guide, "AWS global condition context
 * keys"): the build-time data has their types but no descriptions. The two keys of centralized root access
 * say more, since they decide whether a root session may run at all.
 */
export const GLOBAL_KEY_MEANINGS: Readonly<Record<string, string>> = {
  'aws:AssumedRoot': 'Whether the request is made with credentials from `sts:AssumeRoot`: present (`true`) only in a root session opened through centralized root access.',
  'aws:CalledVia': 'The service principals that made the request on the principal\'s behalf, in order (e.g. `cloudformation.amazonaws.com`).',
  'aws:CalledViaFirst': 'The first service principal in the chain that made the request on the principal\'s behalf.',
  'aws:CalledViaLast': 'The last service principal in the chain that made the request on the principal\'s behalf.',
  'aws:CalledViaAWSMCP': 'The AWS managed MCP server the request came through.',
  'aws:ChatbotSourceArn': 'The ARN of the chat channel configuration when the request comes through AWS Chatbot.',
  'aws:CurrentTime': 'The date and time of the request (ISO 8601), for time windows.',
  'aws:EpochTime': 'The date and time of the request as seconds since the epoch.',
  'aws:Ec2InstanceSourcePrivateIPv4': 'The private IPv4 address of the EC2 instance whose role credentials make the request.',
  'aws:Ec2InstanceSourceVpc': 'The VPC of the EC2 instance whose role credentials make the request.',
  'aws:FederatedProvider': 'The identity provider that issued the web identity or SAML credentials.',
  'aws:IsMcpServiceAction': 'Whether the action is an AWS managed MCP server\'s own.',
  'aws:MultiFactorAuthAge': 'Seconds since the principal authenticated with MFA; absent when it did not.',
  'aws:MultiFactorAuthPresent': 'Whether the temporary credentials were issued after an MFA sign-in; absent for long-term access keys.',
  'aws:PrincipalAccount': 'The account the requesting principal belongs to (for a root session: the member account).',
  'aws:PrincipalArn': 'The ARN of the requesting principal: the role (not the session), the user, or `arn:aws:iam::<account>:root` for the root user and for root sessions.',
  'aws:PrincipalIsAWSService': 'Whether an AWS service principal makes the request with its own credentials.',
  'aws:PrincipalOrgID': 'The organization id (`o-...`) of the requesting principal\'s account.',
  'aws:PrincipalOrgPaths': 'The Organizations path (`o-.../r-.../ou-.../`) of the requesting principal\'s account.',
  'aws:PrincipalServiceName': 'The service principal that makes the request, when a service does.',
  'aws:PrincipalServiceNamesList': 'Every service principal name of the service that makes the request.',
  'aws:PrincipalTag/': 'A tag on the requesting principal (user or role), or a session tag.',
  'aws:PrincipalType': 'The kind of principal: `Account` (the root user and root sessions), `User`, `AssumedRole`, `FederatedUser`, `Anonymous`.',
  'aws:RequestTag/': 'A tag key and value passed in the request.',
  'aws:RequestedRegion': 'The Region the request is made to.',
  'aws:ResourceAccount': 'The account that owns the resource of the request.',
  'aws:ResourceOrgID': 'The organization id of the account that owns the resource.',
  'aws:ResourceOrgPaths': 'The Organizations path of the account that owns the resource.',
  'aws:ResourceTag/': 'A tag on the resource of the request.',
  'aws:SecureTransport': 'Whether the request came over TLS.',
  'aws:SourceAccount': 'The account of the resource that made a service-to-service request.',
  'aws:SourceArn': 'The ARN of the resource that made a service-to-service request.',
  'aws:SourceIdentity': 'The source identity set when the role session was created.',
  'aws:SourceIp': 'The requester\'s public IP address (absent for requests through a VPC endpoint).',
  'aws:SourceOrgID': 'The organization id of the resource that made a service-to-service request.',
  'aws:SourceOwner': 'The account of the resource that made a service-to-service request (an older form of aws:SourceAccount).',
  'aws:SourceOrgPaths': 'The Organizations path of the resource that made a service-to-service request.',
  'aws:SourceVpc': 'The VPC a request through a VPC endpoint comes from.',
  'aws:SourceVpcArn': 'The ARN of the VPC a request through a VPC endpoint comes from.',
  'aws:SourceVpce': 'The VPC endpoint the request comes through.',
  'aws:TagKeys': 'The tag keys passed in the request.',
  'aws:TokenIssueTime': 'When the temporary credentials of the request were issued.',
  'aws:UserAgent': 'The requester\'s client application (not a security control: the caller sets it).',
  'aws:ViaAWSService': 'Whether an AWS service makes the request on the principal\'s behalf (forward access sessions).',
  'aws:ViaAWSMCPService': 'Whether the request came through an AWS managed MCP server.',
  'aws:VpcSourceIp': 'The requester\'s IP address inside the VPC, for requests through a VPC endpoint.',
  'aws:VpceAccount': 'The account that owns the VPC endpoint the request comes through.',
  'aws:VpceOrgID': 'The organization id of the account that owns the VPC endpoint.',
  'aws:VpceOrgPaths': 'The Organizations path of the account that owns the VPC endpoint.',
  'aws:referer': 'The HTTP referer of the request (not a security control: the caller sets it).',
  'aws:userid': 'The principal\'s unique id (for the root user and root sessions: the account id).',
  'aws:username': 'The IAM user\'s name; absent for roles and the root user.',
  'ec2:RoleDelivery': 'The version of the instance metadata service (1 or 2) that delivered the EC2 instance role credentials making the request.',
  'ec2:SourceInstanceArn': 'The ARN of the EC2 instance whose role credentials make the request, to any service.',
  'glue:CredentialIssuingService': 'Set to `glue.amazonaws.com` when AWS Glue issued the credentials making the request.',
  'glue:RoleAssumedBy': 'Set to `glue.amazonaws.com` when AWS Glue assumed the role making the request.',
  'identitystore:UserId': 'The IAM Identity Center user the credentials were issued for (identity-enhanced sessions).',
  'lambda:SourceFunctionArn': 'The ARN of the Lambda function whose code makes the request with its execution role, to any service.',
  'ssm:SourceInstanceArn': 'The ARN of the Systems Manager managed instance whose credentials make the request.',
};

/** What the keys of centralized root access mean for it, added to their hover. */
export const ROOT_ACCESS_NOTES: Readonly<Record<string, string>> = {
  'aws:assumedroot':
    'Centralized root access: in a member account a root session is the root principal (`aws:PrincipalArn` is `arn:aws:iam::<account>:root`), so a Deny aimed at the root user also blocks root sessions. ' +
    'Add `"Null": {"aws:AssumedRoot": "true"}` to such a Deny to exempt root sessions; `"Bool": {"aws:AssumedRoot": "true"}` aims a Deny at root sessions only.',
  'sts:taskpolicyarn':
    'Centralized root access: `sts:AssumeRoot` names one of five AWS-managed task policies (`arn:aws:iam::aws:policy/root-task/...`), and the root session can do only what that task policy leaves. ' +
    'Restricting this key in the caller\'s policy decides which privileged tasks the caller may run; leaving it open grants every task, password recovery (`IAMCreateRootUserPassword`) included.',
};
