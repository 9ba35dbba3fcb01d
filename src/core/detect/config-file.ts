import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDetectionConfig, type DetectionConfig } from './config.js';
import { DetectionConfigError, parseDetectionConfig } from './config-parse.js';

export const CONFIG_FILE_NAME = 'keytrail.config.json';

/** Reads and validates a config file; every problem names the file and the field. */
export function loadDetectionConfig(path: string): DetectionConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DetectionConfigError(path, '(file)', `cannot read it: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DetectionConfigError(path, '(file)', `not valid JSON: ${(error as Error).message}`);
  }
  return parseDetectionConfig(value, path);
}

/** The config a command uses: the one named, else `keytrail.config.json` in `dir` when present, else the defaults. */
export function resolveDetectionConfig(explicitPath: string | undefined, dir = process.cwd()): { config: DetectionConfig; path: string | null } {
  if (explicitPath) return { config: loadDetectionConfig(explicitPath), path: explicitPath };
  const local = join(dir, CONFIG_FILE_NAME);
  if (existsSync(local)) return { config: loadDetectionConfig(local), path: local };
  return { config: defaultDetectionConfig(), path: null };
}
