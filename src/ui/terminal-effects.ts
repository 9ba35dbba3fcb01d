import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Effects } from '../app/command-context.js';
import { sanitizeForTerminal } from '../core/text/sanitize.js';

/** The alternate screen, as less and vim use: the shell's screen comes back untouched on quit. */
export const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';

/** OSC 52: the terminal (not this machine) puts the text on the clipboard, so it works over SSH. */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

interface Terminal {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  /** Draws the whole frame again (the pager left the screen blank). */
  redraw(): void;
}

/**
 * The pager and the clipboard on a real terminal. The pager gets the screen and the
 * keyboard to itself (raw mode off, the shell's screen back) and the frame is drawn
 * again after it; the record goes through a file only the responder can read.
 */
export function terminalEffects(terminal: Terminal): Effects {
  return {
    page(text) {
      const folder = mkdtempSync(join(tmpdir(), 'keytrail-'));
      const file = join(folder, 'record.json');
      writeFileSync(file, text, { mode: 0o600 });
      // $PAGER may carry options (`less -S`): the shell splits it, the file goes as an argument.
      const pager = terminal.env.PAGER || 'less';
      terminal.stdin.setRawMode?.(false);
      terminal.stdout.write(LEAVE_ALT_SCREEN);
      try {
        spawnSync('/bin/sh', ['-c', `${pager} "$1"`, 'pager', file], { stdio: 'inherit' });
      } finally {
        rmSync(folder, { recursive: true, force: true });
        terminal.stdout.write(ENTER_ALT_SCREEN);
        terminal.stdin.setRawMode?.(true);
        terminal.redraw();
      }
    },
    copy(text) {
      // Control characters never reach the clipboard (pasted into a shell, they would run).
      terminal.stdout.write(osc52(sanitizeForTerminal(text)));
    },
  };
}
