import { shortKeyName, shortPrincipal } from '../core/text/short-names.js';

/**
 * Who did it, in the fewest characters that still tell principals apart: the role and
 * session of an assumed role (`app-server/i-0abc`), `user/alice`, the session and account
 * of a bare principal id from another account (`alice@999988887777`). The whole ARN
 * stays one key away (v, or Enter for the detail).
 */
export function principalCell(principal: string | null): string {
  if (!principal) return '';
  const foreign = /^(\d{12}):ARO[A-Z0-9]+:(.+)$/.exec(principal);
  if (foreign) return `${foreign[2]}@${foreign[1]}`;
  const short = shortPrincipal(principal);
  return short.startsWith('assumed-role/') ? short.slice('assumed-role/'.length) : short;
}

/** An error code without the `Exception` every KMS error ends in: `AccessDenied`, `KMSInvalidState`. */
export function errorCell(code: string | null): string {
  if (!code) return '';
  return code.length > 'Exception'.length && code.endsWith('Exception') ? code.slice(0, -'Exception'.length) : code;
}

/** A key by its first alias (`alias/payments`), else its key id. */
export const keyCell = shortKeyName;
