import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { chainFor } from '../../../src/core/correlate/chain.js';
import type { Chain } from '../../../src/core/correlate/types.js';
import { copyInto, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

const SEED_000 = 'test/fixtures/seeds/000-ebs-flow.json';
const ALICE = 'arn:aws:iam::111122223333:user/Alice';
const DECRYPT = 'edb65380-0a3e-4123-bbc8-3d1b7cff49b0';
const RUN_INSTANCES = 'cd75a605-2fee-4fda-b847-9c3d330ebaae';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

/** Name, link kind and reason of each member, in time order: what the pane and `keytrail chain` show. */
function links(chain: Chain) {
  return chain.events.map((event) => [event.eventName, event.link?.kind ?? null, event.link?.reason ?? null]);
}

describe('chains of the seed documents', () => {
  it('seed 000: the Decrypt by the ec2-infrastructure session has root user/Alice through all four events', async () => {
    scratch = makeScratch();
    copyInto(scratch, SEED_000, '000.json');
    const { db } = await scratch.index();
    const chain = chainFor(db, DECRYPT)!;
    expect(chain.root).toEqual({ principal: ALICE, eventID: RUN_INSTANCES, uid: RUN_INSTANCES });
    expect(links(chain)).toEqual([
      ['RunInstances', 'instance', 'same instance id in RunInstances response'],
      ['GenerateDataKeyWithoutPlaintext', 'volume', 'same aws:ebs:id in encryption context'],
      ['CreateGrant', 'instance', 'same instance id in granteePrincipal'],
      ['Decrypt', null, null],
    ]);
    const createGrant = chain.events.find((event) => event.eventName === 'CreateGrant')!;
    expect(createGrant.also?.map((link) => link.reason)).toEqual(['same aws:ebs:id in grant constraints', 'same requestID as RunInstances']);
    expect(chain.events.map((event) => event.folded)).toEqual([false, true, true, true]);
    expect(chain.events[0]?.depth).toBe(0);
    expect(chain.missing).toEqual([]);
    expect(chain.truncated).toBe(false);
  });

  it('seed 000 asked from any member gives the same four events and the same root', async () => {
    scratch = makeScratch();
    copyInto(scratch, SEED_000, '000.json');
    const { db } = await scratch.index();
    for (const id of [RUN_INSTANCES, 'c1ad79e3-0d3f-402a-b119-d5c31d7c6a6c', 'ac3cab10-ce93-4953-9d62-0b6e5cba651d']) {
      const chain = chainFor(db, id)!;
      expect(chain.events).toHaveLength(4);
      expect(chain.root?.uid).toBe(RUN_INSTANCES);
      expect(chain.events.find((event) => event.uid === id)?.link).toBeNull();
    }
  });

  it('seed 000 without its RunInstances names no root and says the launch is missing', async () => {
    scratch = makeScratch();
    const records = (JSON.parse(readFileSync(SEED_000, 'utf8')) as { Records: Array<{ eventName: string }> }).Records;
    scratch.write('000.json', recordsFile(records.filter((event) => event.eventName !== 'RunInstances')));
    const { db } = await scratch.index();
    const chain = chainFor(db, DECRYPT)!;
    expect(chain.root).toBeNull();
    expect(chain.events.map((event) => event.eventName)).toEqual(['GenerateDataKeyWithoutPlaintext', 'CreateGrant', 'Decrypt']);
    expect(chain.missing).toEqual(['no RunInstances for i-81e2f56c in the indexed logs: who launched the instance is unknown']);
  });

  it('seed 001: the enclave calls chain to each other and to their instance through the module id', async () => {
    scratch = makeScratch();
    copyInto(scratch, 'test/fixtures/seeds/001-enclave.json', '001.json');
    const { db } = await scratch.index();
    const chain = chainFor(db, 'a9dea4f9-8395-46c0-942c-f509c02c2b71')!;
    expect(links(chain)).toEqual([['GenerateRandom', 'enclave', 'same enclave module id'], ['GenerateDataKey', null, null]]);
    expect(chain.events[0]?.also).toEqual([{ kind: 'instance', value: 'i-123456789abcde123', reason: 'same instance id in enclave module id' }]);
    // The enclave's own calls, not AWS acting on someone's behalf, whatever the documentation's user agent says.
    expect(chain.events.map((event) => event.folded)).toEqual([false, false]);
    expect(chain.root).toBeNull();
    expect(chain.missing).toEqual(['no RunInstances for i-123456789abcde123 in the indexed logs: who launched the instance is unknown']);
  });

  it('returns null for an event the index does not hold', async () => {
    scratch = makeScratch();
    copyInto(scratch, SEED_000, '000.json');
    const { db } = await scratch.index();
    expect(chainFor(db, 'no-such-event')).toBeNull();
  });
});
