import type { CloudTrailEvent } from './event-types.js';
import { cloudTrailEvent, type Call } from './cloudtrail-event.js';
import { newS3RequestId } from './aws-ids.js';

/** S3 object reads are data events: eventCategory Data, managementEvent false. */
export function getObjectEvent(call: Call, bucket: string, objectKey: string, bytes: number): CloudTrailEvent {
  return cloudTrailEvent(
    { ...call, requestID: call.requestID ?? newS3RequestId(call.rng) },
    {
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      readOnly: true,
      eventCategory: 'Data',
      requestParameters: { bucketName: bucket, Host: `${bucket}.s3.${call.region}.amazonaws.com`, key: objectKey },
      additionalEventData: {
        SignatureVersion: 'SigV4',
        CipherSuite: 'TLS_AES_128_GCM_SHA256',
        bytesTransferredIn: 0,
        SSEApplied: 'SSE_KMS',
        AuthenticationMethod: 'AuthHeader',
        'x-amz-id-2': call.rng.chars(76, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
        bytesTransferredOut: bytes,
      },
      resources: [
        { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${objectKey}` },
        { accountId: call.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
      ],
    },
  );
}
