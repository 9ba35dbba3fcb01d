import type { ChainLatency, FacetLatency } from './aggregate-latency.js';
import type { DetectionPass } from './detection-pass.js';
import type { FirstFrameResult } from './first-frame.js';
import type { IngestRun } from './ingest-child.js';
import type { JqRun } from './jq-questions.js';
import type { KeypressResult } from './keypress-latency.js';
import type { KeytrailAnswerRuns } from './keytrail-questions.js';
import type { LiveTailResult } from './live-tail.js';
import type { MachineInfo } from './machine.js';
import type { PageMeasurements } from './page-latency.js';
import type { Answer, QuestionId } from './questions.js';
import type { ReadRateRun } from './read-rate.js';
import type { LatencySummary } from './stats.js';
import type { TargetVerdict } from './targets.js';

/** A measurement that could not run here, and why (jq or DuckDB missing, a section not asked for). */
export interface Skipped {
  skipped: string;
}

export interface IngestResults {
  runs: IngestRun[];
  /** The run with the median time, reported with all its own figures. */
  median: IngestRun;
  readRate: { runs: ReadRateRun[]; medianEventsPerSecond: number };
}

export interface QuestionResult {
  id: QuestionId;
  title: string;
  filter: string;
  jqCommand: string;
  expected: Answer | null;
  keytrail: KeytrailAnswerRuns;
  /** The headless command as a whole process (node start-up included). */
  keytrailProcess: { ms: number; answer: Answer; command: string };
  jq: JqRun | Skipped;
  duckdb: { medianMs: number; answer: Answer } | Skipped;
}

export interface DuckdbSummary {
  version: string;
  runs: number;
  loadSeconds: number;
  eventsPerSecond: number;
  peakRssBytes: number;
}

export interface WorkbenchResults {
  firstFrame: FirstFrameResult;
  keys: KeypressResult;
}

export interface BenchResults {
  version: 1;
  generatedAt: string;
  /** The source commit measured (absent in results written before it was recorded). */
  commit?: string | null;
  totalSeconds: number;
  machine: MachineInfo;
  /** Load average (1 min) when each part started: the machine is shared. */
  loadAverage: Record<string, number>;
  /** Wall time of each part, in seconds (absent from results written before it was measured). */
  partSeconds?: Record<string, number>;
  options: { events: number; runs: number; seed: number; sections: string[] };
  commands: string[];
  tree: { dir: string; events: number; files: number; gzipBytes: number; rawJsonBytes: number; reused: boolean; generatedSeconds: number | null };
  ingest: IngestResults | Skipped;
  questions: QuestionResult[] | Skipped;
  duckdb: DuckdbSummary | Skipped;
  pages: PageMeasurements | Skipped;
  facets: { cases: FacetLatency[]; overall: LatencySummary } | Skipped;
  chains: ChainLatency | Skipped;
  detections: DetectionPass | Skipped;
  liveTail: LiveTailResult | Skipped;
  workbench: WorkbenchResults | Skipped;
  targets: TargetVerdict[];
}

export function isSkipped(value: unknown): value is Skipped {
  return typeof value === 'object' && value !== null && 'skipped' in value;
}
