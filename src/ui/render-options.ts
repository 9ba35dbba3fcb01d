/**
 * How the workbench asks ink to draw, shared by the terminal and the benchmark. Ink
 * throttles frames to `maxFps` (30 by default): a key pressed within 33 ms of the last
 * frame (a count landing, the previous key) waited for the next slot. At 120 a key's
 * frame waits 8 ms at most; frames driven by data stay few, the workbench throttles those itself.
 */
export const RENDER_OPTIONS = { exitOnCtrlC: false, maxFps: 120 } as const;
