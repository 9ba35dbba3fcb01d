import type { JsonObject } from '../parse/classify.js';
import { arrayField, objectField, text } from '../normalize/fields.js';

/** What a CreateGrant asked for, read from its raw event. */
export interface GrantRequest {
  grantId: string | null;
  name: string | null;
  grantee: string | null;
  retiringPrincipal: string | null;
  operations: string[];
  /** "aws:ebs:id=vol-0abc (subset)": each encryption-context constraint. */
  constraints: string[];
}

const CONSTRAINT_FORMS = [['encryptionContextSubset', 'subset'], ['encryptionContextEquals', 'equals']] as const;
const MAX_LISTED = 32;

function constraintsOf(request: JsonObject | null): string[] {
  const constraints = objectField(request?.constraints);
  return CONSTRAINT_FORMS.flatMap(([field, form]) =>
    Object.entries(objectField(constraints?.[field]) ?? {}).slice(0, MAX_LISTED)
      .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)} (${form})`));
}

export function readGrantRequest(event: JsonObject): GrantRequest {
  const request = objectField(event.requestParameters);
  const response = objectField(event.responseElements);
  return {
    grantId: text(response?.grantId),
    name: text(request?.name),
    grantee: text(request?.granteePrincipal),
    retiringPrincipal: text(request?.retiringPrincipal),
    operations: arrayField(request?.operations).map(text).filter((op): op is string => op !== null).slice(0, MAX_LISTED),
    constraints: constraintsOf(request),
  };
}
