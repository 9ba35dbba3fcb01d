import { asIndexDamage } from '../core/index/damage.js';
import { LEAVE_ALT_SCREEN } from '../ui/terminal-effects.js';
import { workbenchTarget } from '../ui/workbench-target.js';
import { EXIT } from './exit-codes.js';

/** The index the workbench was asked to open, for naming it; null when the arguments do not say. */
function workbenchIndex(argv: string[]): { db: string; dir: string | null } | null {
  try {
    const target = workbenchTarget(argv);
    return target === 'help' ? null : target;
  } catch {
    return null;
  }
}

/**
 * An error thrown while the workbench draws (a page read from a damaged index) ends
 * outside any command: leave the workbench's screen, name a damaged index with the
 * command that rebuilds it (exit 1), anything else as an internal error (exit 70).
 */
export function reportWorkbenchCrashes(argv: string[]): void {
  process.on('uncaughtException', (error) => {
    if (process.stdout.isTTY) process.stdout.write(LEAVE_ALT_SCREEN);
    const index = workbenchIndex(argv);
    const damaged = index ? asIndexDamage(error, index.db, index.dir) : null;
    process.stderr.write(damaged
      ? `keytrail: ${damaged.message}\n`
      : `keytrail: internal error (a bug in keytrail; please report it with what follows)\n${error.stack ?? String(error)}\n`);
    process.exit(damaged ? EXIT.problem : EXIT.internalError);
  });
}
