import { describe, expect, it } from 'vitest';
import { osc52, terminalEffects } from '../../src/ui/terminal-effects.js';

describe('the terminal\'s clipboard', () => {
  it('sends the text base64 in one OSC 52 sequence, control characters made inert first', () => {
    const written: string[] = [];
    const stdout = { write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    const effects = terminalEffects({ stdin: process.stdin, stdout, env: {}, redraw: () => {} });
    effects.copy('arn:aws:iam::1:user/x\u001b]0;PWNED\u0007');
    expect(written).toHaveLength(1);
    const payload = /^\u001b\]52;c;([A-Za-z0-9+/=]+)\u0007$/.exec(written[0]!)?.[1];
    expect(Buffer.from(payload!, 'base64').toString('utf8')).toBe('arn:aws:iam::1:user/x\\x1b]0;PWNED\\x07');
    expect(osc52('a')).toBe('\u001b]52;c;YQ==\u0007');
  });
});
