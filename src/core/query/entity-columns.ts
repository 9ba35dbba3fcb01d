import type { EntityKind } from '../normalize/types.js';

/**
 * Kinds also kept as an events column (the caller's value, one per event): counted
 * straight on the row, without probing the entities index once per value.
 */
export const EVENT_COLUMNS: Partial<Record<EntityKind, string>> = {
  principal: 'principal', ip: 'ip', event: 'name', error: 'error_code', role: 'role', accesskey: 'access_key', request: 'request_id',
};

/**
 * The kinds whose entity is exactly that column, so a filter term is checked on the row.
 * Not accesskey: an AssumeRole also carries the key it issued, which is not its caller's.
 */
export const MATCH_COLUMNS: Partial<Record<EntityKind, string>> = {
  principal: 'principal', ip: 'ip', event: 'name', error: 'error_code', role: 'role',
};
