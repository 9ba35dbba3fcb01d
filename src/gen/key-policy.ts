/** Key policy documents as PutKeyPolicy/CreateKey carry them: a JSON string. */

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal: { AWS: string | string[] } | { Service: string };
  Action: string | string[];
  Resource: '*';
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** The default statement: the account's IAM policies decide. */
export function accountRootStatement(account: string): PolicyStatement {
  return {
    Sid: 'Enable IAM User Permissions',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${account}:root` },
    Action: 'kms:*',
    Resource: '*',
  };
}

/** Lets another account use the key (and make grants on it). */
export function externalAccountStatement(externalAccount: string, sid = 'Allow use of the key'): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${externalAccount}:root` },
    Action: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:ReEncrypt*'],
    Resource: '*',
  };
}

/** Console-style pretty JSON, the way KMS echoes the policy back in CloudTrail. */
export function keyPolicyDocument(statements: PolicyStatement[], id = 'key-default-1'): string {
  return JSON.stringify({ Version: '2012-10-17', Id: id, Statement: statements }, null, 2);
}
