import type { StoreApi } from 'zustand/vanilla';
import type { EntityKind } from '../core/normalize/types.js';
import type { WorkbenchState } from './state.js';

export type WorkbenchStore = StoreApi<WorkbenchState>;

/** The facet kinds, in the order of the facets pane's tabs. */
export const FACET_KINDS: readonly EntityKind[] = ['key', 'principal', 'instance', 'ip', 'event', 'error', 'role', 'ctx'];

/** Replaces part of one slice: commands use this, so every update names the slice it touches. */
export function patch<K extends keyof WorkbenchState>(store: WorkbenchStore, slice: K, changes: Partial<WorkbenchState[K]>): void {
  store.setState((state) => ({ [slice]: { ...state[slice], ...changes } }) as Pick<WorkbenchState, K>);
}
