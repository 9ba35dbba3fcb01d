import { homedir, userInfo } from 'node:os';
import { isAbsolute, join } from 'node:path';

const DEFAULTS = { state: ['.local', 'state'], config: ['.config'] } as const;
const VARIABLES = { state: 'XDG_STATE_HOME', config: 'XDG_CONFIG_HOME' } as const;

/** $HOME, or the account's home when $HOME is empty or relative (never a folder relative to where keytrail runs). */
function home(): string {
  const fromEnv = homedir();
  return isAbsolute(fromEnv) ? fromEnv : userInfo().homedir;
}

/**
 * keytrail's folder under the XDG base directory of that kind: `$XDG_STATE_HOME/keytrail`
 * or `~/.local/state/keytrail`, `$XDG_CONFIG_HOME/keytrail` or `~/.config/keytrail`.
 * An empty or relative variable counts as unset, as the XDG spec says (a relative one
 * would scatter folders into whatever directory keytrail runs in).
 */
export function xdgKeytrailDir(kind: keyof typeof DEFAULTS): string {
  const value = process.env[VARIABLES[kind]];
  const base = value && isAbsolute(value) ? value : join(home(), ...DEFAULTS[kind]);
  return join(base, 'keytrail');
}
