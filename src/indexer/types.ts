import type { DetectionConfig } from '../core/detect/config.js';
import type { IndexerTiming } from './timing.js';

/**
 * The indexer's contract with its users (the workbench, `keytrail watch`, tests).
 * One interface, two modes: a worker thread (the workbench: the UI never blocks on
 * parsing) and in-process (tests, headless). The indexer owns every write; readers
 * open the same database read-only and see whole committed batches through WAL.
 */
export interface IndexerProgress {
  type: 'progress';
  /** Files found so far, and files fully handled (indexed, skipped, or failed). */
  filesSeen: number;
  filesDone: number;
  eventsAdded: number;
  totalEvents: number;
  rejected: number;
  /** Events per second over the last few seconds. */
  rate: number;
  currentFile: string | null;
  /** True once the initial scan of the tree is done (live tail continues after). */
  initialScanDone: boolean;
  /**
   * Every file whose name gives a delivery time at or after this (`2026-11-21T01:06:00Z`) is done;
   * null when not even the newest delivery is. About files, not events: CloudTrail may deliver an
   * event later than it happened.
   */
  deliveredSince: string | null;
  /** Files whose last read failed, waiting for a retry (each reported as a problem). */
  filesFailing: number;
}

/**
 * What one file added to the index, sent once it is committed (a transaction may hold several small
 * files, each whole; a file over 16 MiB commits every few thousand records). `keytrail watch --json`
 * prints these as they happen.
 */
export interface IndexerBatch {
  type: 'batch';
  at: string;
  file: string;
  added: number;
  duplicates: number;
  rejected: number;
  totalEvents: number;
}

export interface IndexerProblem {
  type: 'problem';
  file: string;
  reason: string;
}

/** A detection pass found something new to say (hits written, extended or withdrawn). */
export interface IndexerDetections {
  type: 'detections';
  totalHits: number;
  changedHits: number;
  millis: number;
  /** Indexed events the detections have not looked at yet: more steps follow. */
  pending: boolean;
  /** The pass failed (its problem is reported): the hits are those of earlier passes, neither current nor coming. */
  failed?: true;
}

export type IndexerEvent = IndexerProgress | IndexerBatch | IndexerProblem | IndexerDetections;

export interface IndexerOptions {
  /** The log directory (read-only to us). */
  dir: string;
  /** The index database path. */
  db: string;
  /** Keep watching for new and growing files after the initial scan. */
  watch: boolean;
  mode: 'worker' | 'in-process';
  /** Waits and intervals (tests shorten them); defaults in timing.ts. */
  timing?: Partial<IndexerTiming>;
  /** Run the detections after the first scan and as new events arrive; absent: none. */
  detections?: DetectionConfig;
  /** New events per detection step, files indexed in between (default DETECTION_STEP_EVENTS). */
  detectionStepEvents?: number;
}

export interface Indexer {
  /** Resolves once the indexer runs (the initial scan goes on in the background). */
  start(): Promise<void>;
  /** Finishes the transaction in flight, stops watching, and resolves when all is closed. */
  stop(): Promise<void>;
  /** Subscribes to progress, batches and problems; returns the unsubscribe function. */
  onEvent(listener: (event: IndexerEvent) => void): () => void;
}
