import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, TmuxSession } from './tmux-session.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLE_LOGS = join(ROOT, 'sample-logs');
const TMUX = hasTmux();
if (!TMUX) console.warn('test/e2e: tmux is not installed, so the workbench end-to-end test is skipped (CI runs it).');

/** An event that exists in no sample log, so seeing it proves a new file was picked up live. */
function probeEvent(name: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    eventVersion: '1.08', eventTime: '2026-11-22T00:00:00Z', eventSource: 'kms.amazonaws.com', eventName: name,
    awsRegion: 'us-east-1', sourceIPAddress: '198.51.100.7', userAgent: 'e2e-probe',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/e2e-probe', accountId: '111122223333' },
    requestParameters: { keyId: 'alias/prod-data' }, requestID: `req-${name}`, eventID: `e2e-${name}`, readOnly: true,
    eventType: 'AwsApiCall', recipientAccountId: '111122223333', ...extra,
  });
}

const HOSTILE = '\u001b]0;PWNED\u0007\u001b[2J\u001b[3J\u001b[H';

// The tests run the real binary: build it from the current sources first.
beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
}, 60_000);

describe.skipIf(!TMUX)('keytrail in a terminal (tmux, 100x30)', () => {
  let work: string;
  let logs: string;
  let tmux: TmuxSession;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'keytrail-e2e-'));
    logs = join(work, 'logs');
    cpSync(SAMPLE_LOGS, logs, { recursive: true });
    tmux = new TmuxSession(100, 30);
    // CI=1 as in CI, and as some shells export it: the workbench must draw regardless.
    const env = `env -u NO_COLOR CI=1 KEYTRAIL_HOME=${work}/home TERM=xterm-256color LANG=C.UTF-8`;
    tmux.start(`echo MARKER-BEFORE-KEYTRAIL; ${env} ${process.execPath} ${join(ROOT, 'bin/keytrail.js')} ${logs}; echo "EXIT=$?"; sleep 60`);
  }, 60_000);

  afterAll(() => {
    tmux?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('indexes the folder with progress, then shows events and counts', async () => {
    const screen = await tmux.waitFor((text) => /FOLLOW · [\d,]+ events/.test(text) && !text.includes('files') && /\[1 Events [\d,]{4,}\]/.test(text), 'the indexed sample logs', 60_000);
    expect(screen).toContain('TIME (UTC)');
    expect(screen).toMatch(/\d+ events/);
  }, 70_000);

  it('narrows the events with / and a filter', async () => {
    tmux.type('/event:ScheduleKeyDeletion');
    tmux.keys('Enter');
    const screen = await tmux.waitFor((text) => /\[1 Events \d{1,2}\]/.test(text), 'the filtered count');
    const rows = screen.split('\n').filter((line) => /^[ ›] \d\d-\d\d \d\d:/.test(line));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain('ScheduleKeyDeletion');
    expect(screen).toContain('all events › +event:ScheduleKeyDeletion');
    tmux.keys('Escape');
    await tmux.waitFor((text) => /\[1 Events [\d,]{4,}\]/.test(text), 'the breadcrumb walked back');
  }, 30_000);

  it('shows the events of a log file copied into the folder', async () => {
    writeFileSync(join(logs, 'arrived-late.jsonl'), `${probeEvent('E2eArrivalProbe')}\n`);
    await tmux.waitFor((text) => text.includes('E2eArrivalProbe'), 'the newly copied event');
  }, 30_000);

  it('opens a hostile event in the detail pane without touching the terminal', async () => {
    const title = tmux.paneTitle();
    writeFileSync(join(logs, 'hostile.jsonl'), `${probeEvent('E2eHostileProbe', {
      userAgent: `evil${HOSTILE}agent`, requestParameters: { keyId: 'alias/prod-data', encryptionContext: { note: `ctx${HOSTILE}value` } },
    })}\n`);
    tmux.type('/event:E2eHostileProbe');
    tmux.keys('Enter');
    await tmux.waitFor((text) => text.includes('[1 Events 1]'), 'the hostile event alone');
    tmux.keys('Enter');
    const screen = await tmux.waitFor((text) => text.includes('[3 Detail]') && text.includes('user agent'), 'the detail pane');
    expect(screen).toContain('evil\\x1b]0;PWNED\\x07\\x1b[2J');
    expect(tmux.paneTitle()).toBe(title);
    // Not cleared: the frame's first lines and its last still show together.
    const lines = screen.trimEnd().split('\n');
    expect(lines[3]).toContain('Histogram');
    expect(lines.at(-1)).toContain('events');
    tmux.keys('n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n');
    const entities = await tmux.waitFor((text) => text.includes('note=ctx\\x1b]0;PWNED'), 'the hostile context pair');
    expect(entities.split('\n')[3]).toContain('Histogram');
    expect(tmux.paneTitle()).toBe(title);
  }, 30_000);

  it('quits cleanly with q and gives the shell its screen back', async () => {
    tmux.keys('Escape');
    tmux.keys('q');
    const screen = await tmux.waitFor((text) => text.includes('EXIT='), 'the exit code');
    expect(screen).toContain('EXIT=0');
    expect(screen).toContain('MARKER-BEFORE-KEYTRAIL');
    expect(tmux.paneTitle()).not.toContain('PWNED');
  }, 30_000);
});

describe('keytrail without a terminal', () => {
  it('explains the headless commands instead of crashing', () => {
    const work = mkdtempSync(join(tmpdir(), 'keytrail-e2e-'));
    const run = () => execFileSync(process.execPath, [join(ROOT, 'bin/keytrail.js'), join(work, 'logs')], {
      cwd: ROOT, input: '', encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, KEYTRAIL_HOME: join(work, 'home') },
    });
    let failure: { status: number; stderr: string } | null = null;
    try {
      run();
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(2);
    expect(failure?.stderr).toContain('needs an interactive terminal');
    expect(failure?.stderr).toContain('keytrail query');
    rmSync(work, { recursive: true, force: true });
  });
});
