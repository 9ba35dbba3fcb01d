import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitColumnCell, keepEnd, keepEnds } from '../../src/ui/cell-cut.js';
import { BASE_TIME, fixtureIndex, fixtureWorkbench, kmsEvent, type FixtureIndex } from '../app/fixture-index.js';
import { renderWorkbench } from './render-workbench.js';

/** Two instance-profile sessions of one role: their ARNs differ only in the instance id's last characters. */
const SERVER_A = 'arn:aws:sts::111122223333:assumed-role/app-server/i-0ab093023ad27b5f0';
const SERVER_B = 'arn:aws:sts::111122223333:assumed-role/app-server/i-0ab093023ad27c9e4';

let fixture: FixtureIndex;

beforeAll(async () => {
  fixture = await fixtureIndex([
    kmsEvent({ at: BASE_TIME, principal: SERVER_A }),
    kmsEvent({ at: BASE_TIME + 10_000, principal: SERVER_B }),
    kmsEvent({ at: BASE_TIME + 20_000, principal: SERVER_B, error: 'KMSInvalidStateException' }),
  ]);
});
afterAll(() => fixture.cleanup());

describe('cutting a cell', () => {
  it('keeps both ends of an id or a code, the end getting the odd column', () => {
    expect(keepEnds('KMSInvalidState', 10)).toBe('KMSI…State');
    expect(keepEnds('app-server/i-0ab093023ad27b5f0', 23)).toBe('app-server/…023ad27b5f0');
    expect(keepEnds('short', 10)).toBe('short');
    expect(keepEnd('all events › +principal:alice', 12)).toBe('…cipal:alice');
  });

  it('shortens an IAM or STS ARN before cutting it: arn:aws:sts:: first, then the account, and only when the whole does not fit', () => {
    expect(fitColumnCell(SERVER_A, 80, 'left', 'middle').trimEnd()).toBe(SERVER_A);
    expect(fitColumnCell(SERVER_A, 60, 'left', 'middle').trimEnd()).toBe('111122223333:assumed-role/app-server/i-0ab093023ad27b5f0');
    expect(fitColumnCell(SERVER_A, 50, 'left', 'middle').trimEnd()).toBe('assumed-role/app-server/i-0ab093023ad27b5f0');
    expect(fitColumnCell(SERVER_A, 30, 'left', 'middle')).toBe('assumed-role/a…b093023ad27b5f0');
    expect(fitColumnCell(SERVER_A, 30, 'left', 'end')).toBe(`${SERVER_A.slice(0, 29)}…`);
    expect(fitColumnCell('alias/tokenization', 15, 'left', 'middle')).toBe('tokenization   ');
  });

  it('keeps wide characters whole, and cuts a value with escaped control characters at its end: its start says what it is', () => {
    expect(keepEnds('用户用户用户用户/i-0ab093023ad27b5f0', 16)).toBe('用户用…ad27b5f0');
    const hostile = fitColumnCell('user/evil\u001b]0;PWNED\u0007\u001b[2J', 20, 'left', 'middle');
    expect(hostile).toBe('user/evil\\x1b]0;PWN…');
  });

  it('tells the sessions apart at 80 columns: the events pane\'s principal and error, the principals facet', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture, { columns: 80, rows: 24 }));
    const frame = view.frame();
    expect(frame).toContain('app-server/…023ad27b5f0');
    expect(frame).toContain('app-server/…023ad27c9e4');
    expect(frame).toContain('KMSI…State');
    await view.press(['2', 'l'], (shown) => shown.includes('[principals]') && !shown.includes('counting'));
    // 68 columns for the value: the account stays, the instance id is whole.
    expect(view.frame()).toContain(' 111122223333:assumed-role/app-server/i-0ab093023ad27b5f0');
    expect(view.frame()).toContain(' 111122223333:assumed-role/app-server/i-0ab093023ad27c9e4');
    view.unmount();
  });
});
