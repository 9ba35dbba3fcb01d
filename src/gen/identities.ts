import type { Rng } from './rng.js';
import type { SessionIssuer, UserIdentity } from './event-types.js';
import { newAccessKeyId, newUniqueId } from './aws-ids.js';

/** IAM principals and the `userIdentity` blocks they produce, one per identity type. */

export interface IamUser {
  account: string;
  userName: string;
  principalId: string;
  arn: string;
  /** The user's long-term access key (AKIA...). */
  accessKeyId: string;
}

export interface IamRole {
  account: string;
  name: string;
  roleId: string;
  /** Includes the path: `role/aws-reserved/sso.amazonaws.com/.../AWSReservedSSO_...`. */
  arn: string;
}

export function makeIamUser(rng: Rng, account: string, userName: string): IamUser {
  return {
    account,
    userName,
    principalId: newUniqueId(rng, 'AIDA'),
    arn: `arn:aws:iam::${account}:user/${userName}`,
    accessKeyId: newAccessKeyId(rng, false),
  };
}

export function makeIamRole(rng: Rng, account: string, name: string, path = '/'): IamRole {
  return { account, name, roleId: newUniqueId(rng, 'AROA'), arn: `arn:aws:iam::${account}:role${path}${name}` };
}

/** IAM Identity Center permission sets become `AWSReservedSSO_<set>_<16 hex>` roles. */
export function makeSsoRole(rng: Rng, account: string, permissionSet: string, ssoRegion: string): IamRole {
  const name = `AWSReservedSSO_${permissionSet}_${rng.hex(16)}`;
  return makeIamRole(rng, account, name, `/aws-reserved/sso.amazonaws.com/${ssoRegion}/`);
}

export function iamUserIdentity(user: IamUser, accessKeyId = user.accessKeyId): UserIdentity {
  return {
    type: 'IAMUser',
    principalId: user.principalId,
    arn: user.arn,
    accountId: user.account,
    accessKeyId,
    userName: user.userName,
  };
}

/** An STS session of a role; instance-profile sessions are named after the instance id. */
export function roleSessionIdentity(role: IamRole, sessionName: string, accessKeyId: string): UserIdentity {
  const issuer: SessionIssuer = {
    type: 'Role',
    principalId: role.roleId,
    arn: role.arn,
    accountId: role.account,
    userName: role.name,
  };
  return {
    type: 'AssumedRole',
    principalId: `${role.roleId}:${sessionName}`,
    arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${sessionName}`,
    accountId: role.account,
    accessKeyId,
    sessionContext: {
      sessionIssuer: issuer,
      webIdFederationData: {},
      attributes: { creationDate: '', mfaAuthenticated: 'false' },
    },
  };
}

/** EC2 acting for an instance (EBS volume attach): exactly the shape in the KMS guide. */
export function ec2InfrastructureIdentity(account: string, instanceId: string): UserIdentity {
  return {
    type: 'AssumedRole',
    principalId: `${account}:aws:ec2-infrastructure:${instanceId}`,
    arn: `arn:aws:sts::${account}:assumed-role/aws:ec2-infrastructure/${instanceId}`,
    accountId: account,
    accessKeyId: '',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: `${account}:aws:ec2-infrastructure`,
        arn: `arn:aws:iam::${account}:role/aws:ec2-infrastructure`,
        accountId: account,
        userName: 'aws:ec2-infrastructure',
      },
      attributes: { creationDate: '', mfaAuthenticated: 'false' },
    },
  };
}

export function awsServiceIdentity(serviceHost: string): UserIdentity {
  return { type: 'AWSService', invokedBy: serviceHost };
}

/** A principal of another account, as the resource owner's trail records it. */
export function awsAccountIdentity(accountId: string, principalId: string): UserIdentity {
  return { type: 'AWSAccount', principalId, accountId };
}

export function rootIdentity(account: string, accessKeyId: string): UserIdentity {
  return {
    type: 'Root',
    principalId: account,
    arn: `arn:aws:iam::${account}:root`,
    accountId: account,
    accessKeyId,
    sessionContext: { sessionIssuer: {}, webIdFederationData: {}, attributes: { creationDate: '', mfaAuthenticated: 'true' } },
  };
}
