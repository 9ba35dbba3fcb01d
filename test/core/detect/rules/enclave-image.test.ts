import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../../src/core/detect/engine.js';
import { defaultDetectionConfig, type DetectionConfig } from '../../../../src/core/detect/config.js';
import { background, buildIndex, config, DAY, event, hitsOf, HOUR, repeat, roleSession, T0, type TestIndex } from '../helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const APPROVED = '7fb5c55bc2ecbb68ed99a13d7122abfc0666b926a79d5379bc58b9445c84217f59cfdd36c08b2c79552928702efe23e4';
const ROGUE = 'ee0d451a22af29ad5b2b7b4a5f0c2d3e1f4a5b6c7d8e9f00112233445566778899aabbccddeeff0011223344556677';
const parent = roleSession('enclave-parent', 'i-0abc12345def67890');
const attested = (time: number, digest: string) => event({
  name: 'Decrypt', time, identity: parent, ip: '10.20.2.21',
  additional: { recipient: { attestationDocumentModuleId: 'i-0abc12345def67890-enc9876abcd543210ef', attestationDocumentEnclaveImageDigest: digest } },
});
const usual = repeat(4 * 24, T0, HOUR, (time) => attested(time, APPROVED));
const allowList = (images: string[]): DetectionConfig => ({ ...defaultDetectionConfig(), allow: { ...defaultDetectionConfig().allow, enclaveImages: images } });

describe('enclave-image', () => {
  it('is medium for an image the key never saw while learning, naming the one it knew', async () => {
    const rogue = attested(T0 + 2 * DAY + 30_000, ROGUE);
    index = await buildIndex({ 'base.jsonl': [...background(), ...usual], 'rogue.jsonl': [rogue] });
    runDetections(index.db, config());
    const [hit, ...rest] = hitsOf(index.db, 'enclave-image');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ severity: 'medium', eventIDs: [rogue.eventID] });
    expect(hit!.reason).toMatch(/image ee0d451a22af… .* saw only image 7fb5c55bc2ec…/);
  });

  it('is high for any image not on a configured allow-list, and silent for the approved one', async () => {
    const rogue = attested(T0 + 2 * DAY + 30_000, ROGUE);
    index = await buildIndex({ 'base.jsonl': [...background(), ...usual], 'rogue.jsonl': [rogue] });
    runDetections(index.db, allowList([APPROVED]));
    expect(hitsOf(index.db, 'enclave-image').map((hit) => [hit.severity, hit.eventIDs])).toEqual([['high', [rogue.eventID]]]);
  });

  it('stays quiet while enclaves keep running the image they ran while learning', async () => {
    index = await buildIndex({ 'base.jsonl': [...background(), ...usual] });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'enclave-image')).toEqual([]);
  });

  it('finds the image the key never saw while learning when that window\'s calls are indexed after it, in steps (newest deliveries first)', async () => {
    const rogue = attested(T0 + 2 * DAY + 30_000, ROGUE);
    // Path order puts the rogue call first: it gets the lowest seq, as a newest-first scan gives it.
    index = await buildIndex({ 'a-rogue.jsonl': [rogue], 'b-base.jsonl': [...background(), ...usual] });
    for (let left = 1; left > 0;) left = runDetections(index.db, config(), undefined, { maxEvents: 20 }).eventsLeft;
    expect(hitsOf(index.db, 'enclave-image').map((hit) => [hit.severity, hit.eventIDs])).toEqual([['medium', [rogue.eventID]]]);
  });
});

