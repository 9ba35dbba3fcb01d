import { Rng } from '../rng.js';
import { gzipRecords } from '../s3-layout.js';
import { jsonLines, lookupEventsDocument } from '../export-formats.js';
import type { FileTree } from '../file-tree.js';
import { buildStoryWorld } from './world.js';
import { deliverStory } from './trails.js';
import { cloudWatchKmsEvents, deployBotHistory } from './exports.js';
import { CLOUDWATCH_EXPORT_PATH, LOOKUP_EXPORT_PATH, storyManifest, type StoryManifest } from './manifest.js';
import { storyReadme } from './readme.js';

/** The committed sample-logs/ directory, as bytes, from one seed. */

export const SAMPLE_LOGS_SEED = 20261121;

export interface SampleLogs {
  tree: FileTree;
  manifest: StoryManifest;
}

export function buildSampleLogs(seed = SAMPLE_LOGS_SEED): SampleLogs {
  const world = buildStoryWorld(seed);
  const files = deliverStory(new Rng(seed).fork('delivery'), world.events);
  const cloudWatch = cloudWatchKmsEvents(world.events);
  const lookup = deployBotHistory(world.events);
  const manifest = storyManifest(world, { files, cloudWatch, lookup });
  const tree: FileTree = new Map();
  for (const file of files) tree.set(file.path, gzipRecords(file.events));
  tree.set(CLOUDWATCH_EXPORT_PATH, Buffer.from(jsonLines(cloudWatch)));
  tree.set(LOOKUP_EXPORT_PATH, Buffer.from(lookupEventsDocument(lookup)));
  tree.set('STORY.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
  tree.set('README.md', Buffer.from(storyReadme(manifest)));
  return { tree, manifest };
}
