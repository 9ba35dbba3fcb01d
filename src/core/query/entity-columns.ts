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

/**
 * Kinds kept only on the events row (request_id, found through events_by_request): nearly
 * unique per event, so as entity values they would cost a value row and an entity row each.
 */
export const ROW_ONLY_KINDS: ReadonlySet<EntityKind> = new Set<EntityKind>(['request']);
