import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, TmuxSession } from './tmux-session.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TMUX = hasTmux();
if (!TMUX) console.warn('test/e2e: tmux is not installed, so the 80x24 and 200x50 workbench tests are skipped (CI runs them).');

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
}, 60_000);

const selectedRow = (screen: string) => screen.split('\n').find((line) => /(^|│)› /.test(line)) ?? '';

for (const size of [{ columns: 80, rows: 24, noColor: true }, { columns: 200, rows: 50, noColor: false }]) {
  describe.skipIf(!TMUX)(`keytrail on the sample logs at ${size.columns}x${size.rows}${size.noColor ? ' with NO_COLOR' : ''}`, () => {
    let work: string;
    let tmux: TmuxSession;

    beforeAll(() => {
      work = mkdtempSync(join(tmpdir(), 'keytrail-e2e-'));
      cpSync(join(ROOT, 'sample-logs'), join(work, 'logs'), { recursive: true });
      tmux = new TmuxSession(size.columns, size.rows);
      const env = `env ${size.noColor ? 'NO_COLOR=1' : '-u NO_COLOR'} HOME=${work} KEYTRAIL_HOME=${work}/home TERM=xterm-256color LANG=C.UTF-8`;
      tmux.start(`${env} ${process.execPath} ${join(ROOT, 'bin/keytrail.js')} ${join(work, 'logs')}; echo "EXIT=$?"; sleep 60`);
    }, 60_000);

    afterAll(() => {
      tmux?.stop();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it('shows every tab number and ? help once indexed, no line wider than the terminal', async () => {
      const screen = await tmux.waitFor((text) => /FOLLOW · [\d,]+ events/.test(text) && !text.includes(' files') && /\[1 Ev\w* [\d,]{4,}\]/.test(text), 'the indexed sample logs', 90_000);
      const tabs = screen.split('\n').find((line) => line.includes('? help')) ?? '';
      expect(tabs).toMatch(/7 Ch/);
      for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(size.columns);
    }, 100_000);

    it('tells instance-profile sessions apart in the principals facet, and names keys in help as the keyboard does', async () => {
      tmux.keys('2');
      tmux.keys('l');
      // Counted once the counting is done: a partial count may not have reached this session yet.
      const facets = await tmux.waitFor((text) => text.includes('[principals]') && text.includes('app-server/i-') && !text.includes('counting'), 'the principals facet');
      // The instance id that tells the sessions apart is whole, whatever gives way before it.
      expect(facets).toMatch(/(arn:aws:sts::)?111122223333:assumed-role\/app-server\/i-0ab093023ad27b5ed/);
      tmux.keys('?');
      const help = await tmux.waitFor((text) => text.includes('Help:'), 'the help');
      expect(help).toMatch(/ Enter +open the selected row/);
      expect(help).not.toMatch(/ (return|escape|pagedown) /);
      tmux.keys('Escape');
      tmux.keys('1');
      await tmux.waitFor((text) => text.includes('TIME (UTC)') && /\[1 Ev/.test(text), 'the events again');
    }, 30_000);

    it('reads the selected event\'s principal in full with v', async () => {
      tmux.keys('v');
      // Waited for whole: under load a capture can catch the overlay's title before its lines.
      const principal = /principal\s*arn:aws:(sts|iam)::\d{12}:\S+/;
      const joined = (text: string) => text.split('\n').map((line) => line.trim()).join('');
      // Fails by timing out when the overlay never shows the principal's ARN.
      await tmux.waitFor((text) => text.includes('In full') && principal.test(joined(text)), 'the values overlay with the principal');
      tmux.keys('Escape');
      await tmux.waitFor((text) => text.includes('TIME (UTC)'), 'the events again');
    }, 30_000);

    it('Enter on a detection hit shows its events; Esc returns to the hits, the same hit selected', async () => {
      tmux.keys('d');
      await tmux.waitFor((text) => text.includes('[5 Detections]') && selectedRow(text).includes('HIGH'), 'the hits');
      tmux.keys('j');
      const hits = await tmux.waitFor((text) => /2\/\d+ detection hits/.test(text), 'the second hit selected');
      const hit = selectedRow(hits);
      tmux.keys('Enter');
      await tmux.waitFor((text) => text.includes('=hit '), 'the hit\'s events');
      tmux.keys('Escape');
      const back = await tmux.waitFor((text) => text.includes('[5 Detections]') && /2\/\d+ detection hits/.test(text), 'the hits again');
      expect(selectedRow(back)).toBe(hit);
    }, 30_000);

    it('quits with q', async () => {
      tmux.keys('q');
      const screen = await tmux.waitFor((text) => text.includes('EXIT='), 'the exit code');
      expect(screen).toContain('EXIT=0');
    }, 30_000);
  });
}
