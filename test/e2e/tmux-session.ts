import { execFileSync, spawnSync } from 'node:child_process';

/** True when a tmux binary can be run here (CI has one; a laptop may not). */
export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

/**
 * One tmux server of our own (its own socket, so a user's sessions are never
 * touched), one pane running a command, read back the way a person sees it.
 */
export class TmuxSession {
  private readonly socket = `keytrail-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(private readonly columns: number, private readonly rows: number) {}

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Starts `command` in a shell; keys reach it at once (no Escape delay). */
  start(command: string): void {
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'e2e', '-x', String(this.columns), '-y', String(this.rows), command);
    this.tmux('set-option', '-g', 'escape-time', '0');
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'e2e', ...keys);
  }

  /** Typed text, character for character (no key-name lookup). */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'e2e', '-l', text);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'e2e');
  }

  paneTitle(): string {
    return this.tmux('display-message', '-p', '-t', 'e2e', '#{pane_title}').trim();
  }

  /** Polls the screen until `ready` holds; fails with the last screen when it never does. */
  async waitFor(ready: (screen: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (ready(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`tmux screen never showed ${what}:\n${last}`);
  }

  stop(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}
