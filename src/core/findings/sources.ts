import { chainFor } from '../correlate/chain.js';
import type { Chain } from '../correlate/types.js';
import { getHit } from '../detect/hits-read.js';
import type { DetectionHit } from '../detect/types.js';
import type { IndexDb } from '../index/open.js';

/**
 * Where chains and detection hits come from. Injected so findings and the export
 * depend only on the contracts; a source that is missing makes the finding say so
 * instead of pretending the evidence is empty.
 */
export interface EvidenceSources {
  chainFor?: (db: IndexDb, eventId: string) => Chain | null;
  getHit?: (db: IndexDb, hitId: string) => DetectionHit | null;
}

/** The sources this build has. */
export const DEFAULT_SOURCES: EvidenceSources = { chainFor: (db, eventId) => chainFor(db, eventId), getHit };
