import type { EntityKind } from '../normalize/types.js';

/**
 * Kinds with exactly one value per event, also kept as an events column: counted and
 * checked straight on the row, without probing the entities index once per value.
 */
export const EVENT_COLUMNS: Partial<Record<EntityKind, string>> = {
  principal: 'principal', ip: 'ip', event: 'name', error: 'error_code', role: 'role', accesskey: 'access_key',
};
