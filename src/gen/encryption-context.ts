/** Encryption contexts that AWS services and applications send with KMS calls. */
export type EncryptionContext = Record<string, string>;

/** EBS binds each data key to its volume. */
export const ebsContext = (volumeId: string): EncryptionContext => ({ 'aws:ebs:id': volumeId });

/** S3 SSE-KMS: the object ARN, or the bucket ARN when S3 Bucket Keys are on. */
export const s3Context = (bucket: string, objectKey?: string): EncryptionContext => ({
  'aws:s3:arn': objectKey === undefined ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${objectKey}`,
});

/** Lambda encrypts environment variables under the function's ARN. */
export const lambdaContext = (functionArn: string): EncryptionContext => ({ 'aws:lambda:FunctionArn': functionArn });

/** Secrets Manager binds secret versions to the secret ARN. */
export const secretsManagerContext = (secretArn: string): EncryptionContext => ({ 'aws:secretsmanager:arn': secretArn });

/** CloudTrail encrypts log files under the trail ARN. */
export const cloudTrailContext = (trailArn: string): EncryptionContext => ({ 'aws:cloudtrail:arn': trailArn });

/** `customerId=cust-98765` style application context. */
export function customerContext(customerId: string, department?: string): EncryptionContext {
  return department === undefined ? { customerId } : { customerId, department };
}

/** `cust-` and five digits, as in the seed article. */
export const customerId = (number: number): string => `cust-${String(number).padStart(5, '0')}`;
