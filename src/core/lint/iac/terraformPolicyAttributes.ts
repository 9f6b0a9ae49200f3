/** The Terraform resource types that hold policies, and the attribute and policy type of each. */
import { PERMISSION_SET_INLINE_LIMIT, SIZE_LIMITS } from '../documents';
import type { PolicyType, SizeLimit } from '../model';

export interface PolicyAttribute {
  attribute: string;
  type: PolicyType;
  sizeLimit?: SizeLimit;
}

/**
 * Where each resource type holds policies (besides `aws_iam_role`'s `inline_policy` blocks). A function,
 * not a constant: the size limits come from a module that imports this one (through terraform.ts).
 */
export function policyAttributes(resourceType: string): PolicyAttribute[] {
  return policyAttributeTable()[resourceType] ?? [];
}

const policyAttributeTable = (): Record<string, PolicyAttribute[]> => ({
  aws_iam_policy: [{ attribute: 'policy', type: 'identity', sizeLimit: SIZE_LIMITS.identity }],
  aws_iam_role_policy: [{ attribute: 'policy', type: 'identity' }],
  aws_iam_user_policy: [{ attribute: 'policy', type: 'identity' }],
  aws_iam_group_policy: [{ attribute: 'policy', type: 'identity' }],
  aws_iam_role: [{ attribute: 'assume_role_policy', type: 'resource' }],
  aws_ssoadmin_permission_set_inline_policy: [{ attribute: 'inline_policy', type: 'identity', sizeLimit: PERMISSION_SET_INLINE_LIMIT }],
  aws_s3_bucket_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_sqs_queue_policy: [{ attribute: 'policy', type: 'resource' }],
  // The same policies written inline in the resource (`aws_s3_bucket`'s is deprecated, still read by the provider).
  aws_s3_bucket: [{ attribute: 'policy', type: 'resource' }],
  aws_sqs_queue: [{ attribute: 'policy', type: 'resource' }],
  // The other resource policies of services RCPs govern, or that commonly grant across accounts.
  aws_kms_key: [{ attribute: 'policy', type: 'resource' }],
  aws_kms_key_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_sns_topic: [{ attribute: 'policy', type: 'resource' }],
  aws_sns_topic_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_secretsmanager_secret: [{ attribute: 'policy', type: 'resource' }],
  aws_secretsmanager_secret_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_ecr_repository_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_ecrpublic_repository_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_ecr_registry_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_api_gateway_rest_api: [{ attribute: 'policy', type: 'resource' }],
  aws_api_gateway_rest_api_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_backup_vault_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_s3control_access_point_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_s3control_bucket_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_s3control_object_lambda_access_point_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_elasticsearch_domain: [{ attribute: 'access_policies', type: 'resource' }],
  aws_elasticsearch_domain_policy: [{ attribute: 'access_policies', type: 'resource' }],
  aws_codeartifact_domain_permissions_policy: [{ attribute: 'policy_document', type: 'resource' }],
  aws_codeartifact_repository_permissions_policy: [{ attribute: 'policy_document', type: 'resource' }],
  aws_glue_resource_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_kinesis_resource_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_vpclattice_auth_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_vpclattice_resource_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_cloudwatch_log_resource_policy: [{ attribute: 'policy_document', type: 'resource' }],
  aws_s3_access_point: [{ attribute: 'policy', type: 'resource' }],
  aws_efs_file_system_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_opensearch_domain: [{ attribute: 'access_policies', type: 'resource' }],
  aws_opensearch_domain_policy: [{ attribute: 'access_policies', type: 'resource' }],
  aws_dynamodb_resource_policy: [{ attribute: 'policy', type: 'resource' }],
  aws_organizations_resource_policy: [{ attribute: 'content', type: 'resource' }],
  aws_cloudwatch_event_bus_policy: [{ attribute: 'policy', type: 'resource' }],
  // A VPC endpoint's policy limits what passes through it: a resource policy, principals and all.
  aws_vpc_endpoint: [{ attribute: 'policy', type: 'resource' }],
  aws_vpc_endpoint_policy: [{ attribute: 'policy', type: 'resource' }],
});

/**
 * The attributes that attach managed policies by ARN, one ARN or a list of them (an AWS managed one's
 * grant is weighed by RG201, though only its ARN is written).
 */
export const ATTACHMENT_ATTRIBUTES: Readonly<Record<string, string>> = {
  aws_iam_role_policy_attachment: 'policy_arn',
  aws_iam_user_policy_attachment: 'policy_arn',
  aws_iam_group_policy_attachment: 'policy_arn',
  aws_iam_policy_attachment: 'policy_arn',
  aws_ssoadmin_managed_policy_attachment: 'managed_policy_arn',
  aws_iam_role: 'managed_policy_arns',
  aws_iam_role_policy_attachments_exclusive: 'policy_arns',
  aws_iam_user_policy_attachments_exclusive: 'policy_arns',
  aws_iam_group_policy_attachments_exclusive: 'policy_arns',
};
