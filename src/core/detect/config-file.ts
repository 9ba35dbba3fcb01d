import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { xdgKeytrailDir } from '../xdg-dirs.js';
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

/** The user's own config, for every folder: `$XDG_CONFIG_HOME/keytrail/config.json` (or ~/.config/keytrail/). */
export function userConfigPath(): string {
  return join(xdgKeytrailDir('config'), 'config.json');
}

/**
 * The config a command uses: the one named, else `keytrail.config.json` in `dir`, else the
 * user's config (userConfigPath), else the defaults.
 */
export function resolveDetectionConfig(explicitPath: string | undefined, dir = process.cwd()): { config: DetectionConfig; path: string | null } {
  if (explicitPath) return { config: loadDetectionConfig(explicitPath), path: explicitPath };
  const found = [join(dir, CONFIG_FILE_NAME), userConfigPath()].find((path) => existsSync(path));
  if (found) return { config: loadDetectionConfig(found), path: found };
  return { config: defaultDetectionConfig(), path: null };
}
