import { afterEach, describe, expect, it } from 'vitest';
import { chainFor } from '../../../src/core/correlate/chain.js';
import { copyInto, makeScratch, type Scratch } from '../../helpers/temp-index.js';

const GUIDE = 'test/fixtures/kms-guide';
const ALICE = 'arn:aws:iam::111122223333:user/Alice';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

describe('chains of the KMS developer guide EC2/EBS examples', () => {
  it('ct-ec2two: the volume-attach Decrypt chains to Alice\'s RunInstances exactly as seed 000 does', async () => {
    scratch = makeScratch();
    copyInto(scratch, `${GUIDE}/ct-ec2two.json`, 'ct-ec2two.json');
    const { db } = await scratch.index();
    const chain = chainFor(db, 'edb65380-0a3e-4123-bbc8-3d1b7cff49b0')!;
    expect(chain.root).toMatchObject({ principal: ALICE, eventID: 'cd75a605-2fee-4fda-b847-9c3d330ebaae' });
    expect(chain.events.map((event) => [event.eventName, event.link?.reason ?? null])).toEqual([
      ['RunInstances', 'same instance id in RunInstances response'],
      ['GenerateDataKeyWithoutPlaintext', 'same aws:ebs:id in encryption context'],
      ['CreateGrant', 'same instance id in granteePrincipal'],
      ['Decrypt', null],
    ]);
  });

  it('ct-ec2one: the data key for a new volume chains to the CreateVolume that returned its id', async () => {
    scratch = makeScratch();
    copyInto(scratch, `${GUIDE}/ct-ec2one.json`, 'ct-ec2one.json');
    const { db } = await scratch.index();
    const chain = chainFor(db, '4bd2a696-d833-48cc-b72c-05e61b608399')!;
    expect(chain.root).toMatchObject({ principal: ALICE, eventID: 'a3447186-135f-4b00-8424-bc41f1a93b4f' });
    expect(chain.events.map((event) => [event.eventName, event.link?.reason ?? null, event.folded])).toEqual([
      ['CreateVolume', 'same volume id in CreateVolume response', false],
      // "&AWS; Internal" is how the guide's copy spells EC2's user agent: still EC2 on Alice's behalf.
      ['GenerateDataKeyWithoutPlaintext', null, true],
    ]);
  });

  it('both walkthroughs in one index stay two chains: they share a key and a user, not a volume or instance', async () => {
    scratch = makeScratch();
    copyInto(scratch, `${GUIDE}/ct-ec2one.json`, 'ct-ec2one.json');
    copyInto(scratch, `${GUIDE}/ct-ec2two.json`, 'ct-ec2two.json');
    const { db } = await scratch.index();
    expect(chainFor(db, '4bd2a696-d833-48cc-b72c-05e61b608399')!.events).toHaveLength(2);
    expect(chainFor(db, 'edb65380-0a3e-4123-bbc8-3d1b7cff49b0')!.events).toHaveLength(4);
  });
});
