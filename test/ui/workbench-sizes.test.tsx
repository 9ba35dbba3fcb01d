import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpLines } from '../../src/app/help-lines.js';
import { KEYMAP } from '../../src/app/keymap.js';
import { PANE_ORDER } from '../../src/app/panes/pane-registry.js';
import { resolveKey } from '../../src/app/resolve-key.js';
import { runDetections } from '../../src/core/detect/engine.js';
import { defaultDetectionConfig } from '../../src/core/detect/config.js';
import { BASE_TIME, fixtureIndex, fixtureWorkbench, kmsEvent, type FixtureIndex } from '../app/fixture-index.js';
import { KEYS, renderWorkbench } from './render-workbench.js';

const SEED_000 = (JSON.parse(readFileSync('test/fixtures/seeds/000-ebs-flow.json', 'utf8')) as { Records: Array<Record<string, unknown>> }).Records;
const LONG_ROLE = 'arn:aws:sts::111122223333:assumed-role/payments-batch-worker-role/i-0123456789abcdef0-session-long-name';
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Open to 999988887777', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'kms:*', Resource: '*' }] });

/** Thirty workers with long assumed-role names from thirty addresses, a PutKeyPolicy, and the EBS chain seed. */
function events(): Array<Record<string, unknown>> {
  const workers = Array.from({ length: 30 }, (_, index) => kmsEvent({
    at: BASE_TIME + index * 1000, principal: `${LONG_ROLE}-${index}`, ip: `198.51.100.${index + 1}`,
    error: index % 4 === 0 ? 'AccessDeniedException' : undefined,
  }));
  const putPolicy = { ...kmsEvent({ at: BASE_TIME + 40_000, name: 'PutKeyPolicy' }), requestParameters: { keyId: 'k-1', policyName: 'default', policy: POLICY } };
  return [...SEED_000, ...workers, putPolicy];
}

let fixture: FixtureIndex;
beforeAll(async () => {
  fixture = await fixtureIndex(events());
  runDetections(fixture.writer, defaultDetectionConfig());
});
afterAll(() => fixture.cleanup());

const lines = (frame: string) => frame.split('\n');
const selected = (frame: string) => lines(frame).find((line) => line.startsWith('›')) ?? '';
/** The frame's text with wrapped lines joined, to find a long value that was wrapped. */
const unwrapped = (frame: string) => lines(frame).map((line) => line.trim()).join('');

for (const size of [{ columns: 80, rows: 24 }, { columns: 200, rows: 50 }]) {
  describe(`the workbench at ${size.columns}x${size.rows}`, () => {
    const open = () => renderWorkbench(fixtureWorkbench(fixture, size));
    /** The selected row of the pane beside the events on a wide screen (of the one pane on a narrow one). */
    const besideSelected = (frame: string) => (size.columns >= 140
      ? lines(frame).map((line) => line.slice(line.indexOf('│') + 1)).find((line) => line.startsWith('›')) ?? ''
      : selected(frame));

    it('fits every line in the width, with every tab number and ? help in the tab bar', () => {
      const view = open();
      for (const line of lines(view.frame())) expect(line.length).toBeLessThanOrEqual(size.columns);
      const tabs = lines(view.frame()).find((line) => line.includes('? help')) ?? '';
      for (let number = 1; number <= PANE_ORDER.length; number++) expect(tabs).toMatch(new RegExp(`[ [│]${number}[ \\]]`));
      view.unmount();
    });

    it('shows the facet tabs whole with the key that switches them, the last one selected too', async () => {
      const view = open();
      await view.press(['2', 'h'], (frame) => frame.includes('[context]'));
      const tabs = lines(view.frame()).find((line) => line.includes('[context]')) ?? '';
      expect(tabs.slice(tabs.indexOf('│') + 1).trim()).toBe('h/l keys principals instances source IPs event names error codes roles [context]');
      view.unmount();
    });

    it('reads a cut principal in full one key away (v), and copies it with y', async () => {
      const view = open();
      await view.press(['k'], (frame) => selected(frame).includes('payments-ba'));
      expect(selected(view.frame())).not.toContain(`${LONG_ROLE}-29`);
      await view.press(['v'], (frame) => frame.includes('In full'));
      expect(unwrapped(view.frame())).toContain(`${LONG_ROLE}-29`);
      for (const line of lines(view.frame())) expect(line.length).toBeLessThanOrEqual(size.columns);
      await view.press([KEYS.escape], (frame) => frame.includes('TIME (UTC)'));
      view.unmount();
    });

    it('walks back with Esc through the chain and its member, the member still selected', async () => {
      const view = open();
      await view.press(['/', ...'event:CreateGrant', KEYS.enter], (frame) => selected(frame).includes('CreateGrant'));
      await view.press(['c'], (frame) => frame.includes('[7 Chain') && frame.includes('chain of CreateGrant'));
      await view.press(['g', 'j'], (frame) => besideSelected(frame).includes('GenerateDataK'));
      const member = besideSelected(view.frame());
      await view.press([KEYS.enter], (frame) => frame.includes('[3 Det'));
      await view.press([KEYS.escape], (frame) => frame.includes('[7 Chain'));
      expect(besideSelected(view.frame())).toBe(member);
      await view.press([KEYS.escape], (frame) => frame.includes('[1 Ev') && frame.includes('+event:CreateGrant'));
      await view.press([KEYS.escape], (frame) => frame.includes('[1 Ev') && /\/ all events\s*$/m.test(frame));
      view.unmount();
    });

    it('keeps the selection on screen in every list however far it moves', async () => {
      const view = open();
      for (const [pane, key] of [['facets', '2'], ['events', '1'], ['detections', '5'], ['chain', 'c']] as const) {
        await view.press([key], (frame) => frame.includes(pane === 'events' ? '[1 Ev' : `[${PANE_ORDER.indexOf(pane) + 1} `));
        if (pane === 'facets') await view.press(['l', 'l', 'l'], (frame) => /\[source IPs\]/.test(frame) && frame.includes('198.51.100.'));
        const inPane = pane === 'events' ? selected : besideSelected;
        for (let step = 0; step < 35; step++) await view.press(['j'], () => true);
        await view.press([], (frame) => inPane(frame) !== '');
        await view.press(['g'], (frame) => inPane(frame) !== '');
      }
      view.unmount();
    });

    it('shows the policy of a PutKeyPolicy as indented JSON', async () => {
      const view = open();
      await view.press(['/', ...'event:PutKeyPolicy', KEYS.enter], (frame) => frame.includes('+event:PutKeyPolicy') && selected(frame).includes('PutKeyPolicy'));
      await view.press([KEYS.enter], (frame) => frame.includes('[3 Det'));
      let seen = view.frame();
      for (let page = 0; page < 8 && !seen.includes('"AWS": "arn:aws:iam::999988887777:root"'); page++) {
        await view.press([' '], () => true);
        seen += view.frame();
      }
      await view.press([], (frame) => frame.includes('"AWS": "arn:aws:iam::999988887777:root"'));
      // The policy is an object in the JSON, indented under its field, not one escaped string.
      expect(seen).toMatch(/"policy": \{\s*$/m);
      expect(seen).toMatch(/[›· ] {9,}"Effect": "Allow",\s*$/m);
      expect(seen).not.toContain('\\"Version\\"');
      view.unmount();
    });
  });
}

describe('help', () => {
  it('lists every key that works in each pane, wrapped to 80 columns', () => {
    for (const pane of PANE_ORDER) {
      const help = helpLines(KEYMAP, pane, 79);
      for (const line of help) expect(` ${line.text}`.length, line.text).toBeLessThanOrEqual(80);
      const text = help.map((line) => line.text).join('\n');
      for (const binding of KEYMAP.filter((each) => (each.mode ?? 'normal') === 'normal')) {
        for (const key of binding.keys) {
          // What the key does in this pane (its own binding, else the global one) is in this pane's help.
          const effective = resolveKey(KEYMAP, pane, 'normal', key);
          if (effective) expect(text, `${pane}: ${key}`).toContain(effective.description.split(' ').slice(0, 3).join(' '));
        }
      }
      expect(text).not.toMatch(/DESIGN|§/);
    }
  });
});
