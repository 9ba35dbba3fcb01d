import type { ApiError } from './event-types.js';

/** Error codes and messages in the wording the services use. */

/** KMS's authorization failure names the principal, the action and the key. */
export function kmsAccessDenied(principalArn: string, action: string, keyArn: string): ApiError {
  return {
    errorCode: 'AccessDeniedException',
    errorMessage: `User: ${principalArn} is not authorized to perform: kms:${action} on resource: ${keyArn} because no identity-based policy allows the kms:${action} action`,
  };
}

/** Decrypt with a KeyId that is not the key the ciphertext was encrypted under. */
export function incorrectKey(): ApiError {
  return {
    errorCode: 'IncorrectKeyException',
    errorMessage: 'The key ID in the request does not identify a CMK that can perform this operation.',
  };
}

/** Ciphertext that is corrupt, truncated, or paired with the wrong encryption context. */
export function invalidCiphertext(): ApiError {
  return { errorCode: 'InvalidCiphertextException', errorMessage: '' };
}

/** A key that is disabled or pending deletion. */
export function kmsInvalidState(keyArn: string, state: 'pending deletion' | 'disabled'): ApiError {
  return { errorCode: 'KMSInvalidStateException', errorMessage: `${keyArn} is ${state}.` };
}

export function kmsDisabled(keyArn: string): ApiError {
  return { errorCode: 'DisabledException', errorMessage: `${keyArn} is disabled.` };
}

export function aliasNotFound(aliasArn: string): ApiError {
  return { errorCode: 'NotFoundException', errorMessage: `Alias ${aliasArn} is not found.` };
}

export function throttled(): ApiError {
  return { errorCode: 'ThrottlingException', errorMessage: 'Rate exceeded' };
}

/** IAM, S3 and most other services say AccessDenied (no suffix). */
export function accessDenied(principalArn: string, action: string, resourceArn: string): ApiError {
  return {
    errorCode: 'AccessDenied',
    errorMessage: `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resourceArn} because no identity-based policy allows the ${action} action`,
  };
}

/** EC2's own code for an authorization failure. */
export function ec2Unauthorized(): ApiError {
  return { errorCode: 'Client.UnauthorizedOperation', errorMessage: 'You are not authorized to perform this operation.' };
}
