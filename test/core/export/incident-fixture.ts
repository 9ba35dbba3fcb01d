import { resolve } from 'node:path';
import { defaultDetectionConfig, listHits, runDetections } from '../../../src/core/detect/index.js';
import { markFinding } from '../../../src/core/findings/mark.js';
import { DEFAULT_SOURCES } from '../../../src/core/findings/sources.js';
import type { FindingTarget } from '../../../src/core/findings/types.js';
import type { IndexDb } from '../../../src/core/index/open.js';
import { copyInto, kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

/** When the fixture's findings were marked and its note generated: fixed, so the golden note is stable. */
export const MARKED_AT = Date.UTC(2026, 10, 21, 9, 0, 0);
export const GENERATED_AT = Date.UTC(2026, 10, 21, 10, 30, 0);

/** Log values an attacker controls, each aimed at a different piece of markdown. */
export const HOSTILE = {
  principal: 'arn:aws:iam::111122223333:user/x | injected | cell',
  ip: '<img src=x onerror=alert(1)>',
  error: '[click](https://evil.example/phish)',
  request: '```\n# heading\n```',
  emphasis: 'arn:aws:iam::111122223333:user/*bold* _em_ ~~strike~~ $x$ @admin #1 www.evil.example',
  escape: '\u001b[31mRED\u001b[0m\u202e',
  alias: 'alias/`pwn`|<b>x</b>',
  eventName: '![pwn](https://evil.example/x.png)',
  note: 'look | here <script>alert(1)</script> [link](https://evil.example) ```` `x` \n# not a heading',
};

function hostileEvents(): unknown[] {
  return [
    kmsEvent({
      eventID: 'evt-hostile-1', eventTime: '2026-11-20T10:00:00Z', requestID: HOSTILE.request, sourceIPAddress: HOSTILE.ip,
      errorCode: HOSTILE.error, userIdentity: { type: 'IAMUser', arn: HOSTILE.principal, accountId: '111122223333' },
    }),
    // Its id starts with the one above (test/core/findings/reproduce.test.ts puts such ids in the same second).
    kmsEvent({ eventID: 'evt-hostile-10', eventTime: '2026-11-20T10:00:30Z', requestID: 'req-10' }),
    kmsEvent({
      eventID: 'evt,2 *x "q"', eventTime: '2026-11-20T10:05:00Z', requestID: 'req-2', errorCode: HOSTILE.escape, eventName: HOSTILE.eventName,
      userIdentity: { type: 'IAMUser', arn: HOSTILE.emphasis, accountId: '111122223333' },
      requestParameters: { keyId: HOSTILE.alias }, resources: [],
    }),
  ];
}

export interface IncidentFixture {
  scratch: Scratch;
  db: IndexDb;
  dbPath: string;
  cleanup(): void;
}

/** The findings of the golden note: events, a filter, hostile events and a hostile note. */
export const FIXTURE_FINDINGS: Array<{ target: FindingTarget; note: string }> = [
  { target: { kind: 'event', reference: 'edb65380-0a3e-4123-bbc8-3d1b7cff49b0' }, note: 'EBS volume mounted: Decrypt by the instance\'s EC2 role' },
  { target: { kind: 'event', reference: 'cd75a605-2fee-4fda-b847-9c3d330ebaae' }, note: 'Alice launched the instance' },
  { target: { kind: 'chain', reference: 'edb65380-0a3e-4123-bbc8-3d1b7cff49b0' }, note: 'Why the volume was decrypted: Alice\'s RunInstances' },
  { target: { kind: 'filter', reference: 'ctx:customerId=cust-98765' }, note: 'Every use of customer cust-98765\'s context' },
  { target: { kind: 'event', reference: 'evt-hostile-1' }, note: HOSTILE.note },
  { target: { kind: 'event', reference: 'evt,2 *x "q"' }, note: 'Hostile event id and fields' },
];

/** Seeds 000-002 plus hostile events, indexed, with FIXTURE_FINDINGS and one detection hit marked at MARKED_AT. */
export async function makeIncidentFixture(): Promise<IncidentFixture> {
  const scratch = makeScratch('keytrail-export-');
  copyInto(scratch, resolve('test/fixtures/seeds'));
  scratch.write('hostile.json', recordsFile(hostileEvents()));
  const { db } = await scratch.index();
  for (const finding of FIXTURE_FINDINGS) markFinding(db, finding.target, finding.note, DEFAULT_SOURCES, MARKED_AT);
  runDetections(db, defaultDetectionConfig());
  const offHours = listHits(db, { rules: ['off-hours'] }).find((hit) => hit.eventIDs.includes('cd75a605-2fee-4fda-b847-9c3d330ebaae'));
  if (!offHours) throw new Error('the off-hours rule no longer fires on seed 000: pick another hit for the fixture');
  markFinding(db, { kind: 'hit', reference: offHours.id }, 'Alice worked at night', DEFAULT_SOURCES, MARKED_AT);
  return { scratch, db, dbPath: scratch.dbPath, cleanup: () => scratch.cleanup() };
}
