/**
 * The measurements that run in a process of their own (peak RSS of their own, a cold
 * heap), by name. Each is loaded when asked for: the UI's modules load only in the
 * child that times keys.
 */
const TASKS: Record<string, (input: never) => Promise<unknown>> = {
  ingest: async (input) => (await import('./ingest-child.js')).coldIngest(input),
  'read-rate': async (input) => (await import('./read-rate.js')).readGunzipParse(input),
  duckdb: async (input) => (await import('./duckdb-questions.js')).duckdbQuestions(input),
  keys: async (input) => {
    // As openWorkbench does: under CI=1 ink would draw no frame to time.
    (await import('../ui/ink-environment.js')).drawEveryFrame();
    return (await import('./keypress-latency.js')).measureKeypresses(input);
  },
};

/** Runs one task and prints its result as the last line of stdout. */
export async function runChildTask(name: string, inputJson: string): Promise<void> {
  const task = TASKS[name];
  if (!task) throw new Error(`unknown bench child task ${name}`);
  const result = await task(JSON.parse(inputJson) as never);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
