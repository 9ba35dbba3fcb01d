/** The CloudTrail record shape the generators write (eventVersion 1.08 fields). */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };
export type JsonObject = { [key: string]: JsonValue | undefined };

export interface SessionIssuer {
  type: 'Role';
  principalId: string;
  arn: string;
  accountId: string;
  userName: string;
}

export interface SessionContext {
  sessionIssuer?: SessionIssuer | Record<string, never>;
  webIdFederationData?: Record<string, never>;
  attributes: { creationDate: string; mfaAuthenticated: 'true' | 'false' };
}

/** `userIdentity`: which fields appear depends on `type`. */
export interface UserIdentity {
  type?: 'IAMUser' | 'AssumedRole' | 'AWSService' | 'AWSAccount' | 'Root';
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  sessionContext?: SessionContext;
  invokedBy?: string;
}

export interface EventResource {
  accountId?: string;
  type?: string;
  ARN: string;
}

export interface TlsDetails {
  tlsVersion: string;
  cipherSuite: string;
  clientProvidedHostHeader: string;
}

export interface CloudTrailEvent {
  eventVersion: string;
  userIdentity: UserIdentity;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters: JsonObject | null;
  responseElements: JsonObject | null;
  additionalEventData?: JsonObject;
  requestID: string;
  eventID: string;
  readOnly: boolean;
  resources?: EventResource[];
  eventType: 'AwsApiCall' | 'AwsServiceEvent' | 'AwsConsoleSignIn';
  managementEvent: boolean;
  recipientAccountId: string;
  sharedEventID?: string;
  vpcEndpointId?: string;
  eventCategory: 'Management' | 'Data';
  tlsDetails?: TlsDetails;
}

/** An API failure as CloudTrail records it. */
export interface ApiError {
  errorCode: string;
  errorMessage: string;
}
