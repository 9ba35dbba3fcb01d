import { EventEmitter } from 'node:events';

/** The synchronized-output brackets ink writes around a frame on a TTY (outside CI). */
const FRAME_BRACKETS = new Set(['\u001b[?2026h', '\u001b[?2026l']);

/** A terminal screen for ink that notes when each frame is written (no drawing, no cost of its own). */
export class FakeScreen extends EventEmitter {
  readonly isTTY = true;
  /** Frames written: each write but the brackets around one. */
  writes = 0;
  lastWriteAt = 0;

  constructor(readonly columns: number, readonly rows: number) {
    super();
  }

  write(chunk: string): boolean {
    if (FRAME_BRACKETS.has(chunk)) return true;
    this.writes++;
    this.lastWriteAt = performance.now();
    return true;
  }
}

/** A raw-mode keyboard for ink: bytes written here are read by ink exactly as a TTY's would be. */
export class FakeKeyboard extends EventEmitter {
  readonly isTTY = true;
  private pending: string | null = null;

  type(bytes: string): void {
    this.pending = bytes;
    this.emit('readable');
  }

  read(): string | null {
    const bytes = this.pending;
    this.pending = null;
    return bytes;
  }

  setRawMode(): void {}
  setEncoding(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}
