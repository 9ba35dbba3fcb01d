import { describe, expect, it } from 'vitest';
import { attackScope, mergeFindingEvents } from '../../../src/core/export/scope.js';
import type { FindingEvidence } from '../../../src/core/findings/evidence.js';
import type { FindingKind } from '../../../src/core/findings/types.js';
import type { EventRow } from '../../../src/core/query/event-rows.js';

let seq = 0;
function row(principal: string, time: string, eventName = 'Decrypt', actor: EventRow['actor'] = 'human'): EventRow {
  seq++;
  return { seq, uid: `e-${seq}`, time: Date.parse(time), eventTime: time, principal, eventName, actor, errorCode: null } as EventRow;
}

function finding(id: number, kind: FindingKind, rows: EventRow[]) {
  return { evidence: { finding: { id, kind } } as FindingEvidence, rows };
}

describe('the attack scope', () => {
  const mallory = 'arn:aws:iam::111122223333:user/mallory';
  const findings = [
    finding(1, 'hit', [row(mallory, '2026-11-21T03:00:00Z'), row(mallory, '2026-11-21T03:30:00Z')]),
    // A broad filter: mallory's routine calls two days earlier, one call right after the attack, alice's use of the same context.
    finding(2, 'filter', [row(mallory, '2026-11-19T09:00:00Z'), row(mallory, '2026-11-21T05:15:00Z'), row('arn:aws:iam::111122223333:user/alice', '2026-11-18T17:07:27Z')]),
    // A benign chain: alice's launch and the service decrypting on the instance's behalf.
    finding(3, 'chain', [row('arn:aws:iam::111122223333:user/alice', '2026-11-19T14:22:05Z', 'RunInstances'), row('arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/i-1', '2026-11-19T14:23:00Z', 'Decrypt', 'service')]),
    // The responder's containment, hours later.
    finding(4, 'event', [row('arn:aws:iam::111122223333:user/bob', '2026-11-21T09:10:14Z', 'CancelKeyDeletion')]),
  ];
  const kinds = new Map(findings.map((entry) => [entry.evidence.finding.id, entry.evidence.finding.kind]));
  const scope = attackScope(mergeFindingEvents(findings), kinds);

  it('names as actors only the callers of marked events and hits, never a chain\'s, a filter\'s or a responder\'s', () => {
    expect([...scope.actors]).toEqual([mallory]);
    expect(scope.containment.map((event) => event.row.eventName)).toEqual(['CancelKeyDeletion']);
  });

  it('counts as the attack only the actors\' calls inside the window: their routine calls days away stay context', () => {
    expect(scope.attack.map((event) => event.row.eventTime)).toEqual(['2026-11-21T03:00:00Z', '2026-11-21T03:30:00Z', '2026-11-21T05:15:00Z']);
  });

  it('takes the window from the marked events and hits, grown only by the actors\' calls that follow on', () => {
    expect(scope.window).toEqual({ from: '2026-11-21T03:00:00Z', to: '2026-11-21T05:15:00Z' });
  });

  it('falls back to every actor call when only chains and filters are marked', () => {
    const only = [findings[1]!];
    const fallback = attackScope(mergeFindingEvents(only), new Map([[2, 'filter' as const]]));
    expect(fallback.actors.size).toBe(2);
    expect(fallback.window).toEqual({ from: '2026-11-18T17:07:27Z', to: '2026-11-21T05:15:00Z' });
  });

  it('counts an UpdateAccessKey as containment only when it sets the key Inactive', () => {
    const bob = 'arn:aws:iam::111122223333:user/bob';
    const reactivate = row(mallory, '2026-11-21T03:40:00Z', 'UpdateAccessKey');
    const deactivate = row(bob, '2026-11-21T09:00:00Z', 'UpdateAccessKey');
    const requests = new Map([[reactivate.seq, { status: 'Active' }], [deactivate.seq, { status: 'Inactive' }]]);
    const marked = [finding(1, 'hit', [row(mallory, '2026-11-21T03:00:00Z'), reactivate]), finding(2, 'event', [deactivate])];
    const keyScope = attackScope(mergeFindingEvents(marked), new Map([[1, 'hit' as const], [2, 'event' as const]]), (call) => requests.get(call.seq) ?? null);
    // mallory turning a key back on is part of the attack, never a containment; bob turning it off is one.
    expect(keyScope.attack.map((event) => event.row.uid)).toContain(reactivate.uid);
    expect(keyScope.containment.map((event) => event.row.uid)).toEqual([deactivate.uid]);
    expect([...keyScope.actors]).toEqual([mallory]);
  });
});
