import type { ChainLinkKind } from '../../core/correlate/types.js';

/** A filter field a chain link pivots to (see `keytrail help filters`): the link kinds are filter fields, a session is a principal. */
export type FieldName = 'instance' | 'volume' | 'grant' | 'request' | 'enclave' | 'accesskey' | 'principal';

const FIELDS: Record<ChainLinkKind, FieldName> = {
  instance: 'instance',
  volume: 'volume',
  grant: 'grant',
  request: 'request',
  enclave: 'enclave',
  accesskey: 'accesskey',
  session: 'principal',
};

export function pivotFieldOf(kind: ChainLinkKind): FieldName {
  return FIELDS[kind];
}
