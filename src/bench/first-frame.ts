import { spawn } from 'node:child_process';
import { keytrailArgs } from './self.js';
import { summarize, type LatencySummary } from './stats.js';

export interface FirstFrameInput {
  dir: string;
  db: string;
  /** KEYTRAIL_HOME for the child: the bench never touches the user's state folder. */
  home: string;
  launches: number;
}

export interface FirstFrameResult {
  /** Spawn to the first frame (the tab bar) on the terminal. */
  firstFrame: LatencySummary;
  /** Spawn to the first event rows of the existing index. */
  firstRows: LatencySummary;
  /** Launches that did not draw within the wait. */
  failed: number;
}

const TAB_BAR = '? help';
const EVENT_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/;
const GIVE_UP_MS = 20_000;
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

const shellQuote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

/**
 * Starts the real `keytrail DIR --db DB` on a pseudo-terminal (util-linux `script`,
 * 120x40) and times what the responder sees: the first frame, then the first rows.
 */
function launchOnce(input: FirstFrameInput): Promise<{ frame: number; rows: number } | null> {
  const command = [process.execPath, ...keytrailArgs([input.dir, '--db', input.db])].map(shellQuote).join(' ');
  const started = performance.now();
  const child = spawn('script', ['-qfec', `stty cols 120 rows 40; exec ${command}`, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, KEYTRAIL_HOME: input.home, TERM: 'xterm-256color' },
  });
  let output = '';
  let frame: number | null = null;
  let rows: number | null = null;
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), GIVE_UP_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const screen = output.replace(ANSI, '');
      frame ??= screen.includes(TAB_BAR) ? performance.now() - started : null;
      rows ??= EVENT_TIME.test(screen) ? performance.now() - started : null;
      if (frame !== null && rows !== null && !child.stdin.writableEnded) child.stdin.end('q');
    });
    child.once('close', () => {
      clearTimeout(timer);
      resolve(frame !== null && rows !== null ? { frame, rows } : null);
    });
  });
}

export async function measureFirstFrame(input: FirstFrameInput): Promise<FirstFrameResult> {
  const frames: number[] = [];
  const rows: number[] = [];
  let failed = 0;
  for (let launch = 0; launch < input.launches; launch++) {
    const result = await launchOnce(input);
    // One launch that never drew says enough; the others would only wait out GIVE_UP_MS each.
    if (!result) {
      failed = input.launches - launch;
      break;
    }
    frames.push(result.frame);
    rows.push(result.rows);
  }
  return { firstFrame: summarize(frames), firstRows: summarize(rows), failed };
}
