/** Every exit code keytrail uses; `keytrail --help` and README list them from here. */
export const EXIT = {
  done: 0,
  /** The command found a problem: a modified log file, an unknown event, a damaged index. */
  problem: 1,
  usage: 2,
  /** validate: nothing found wrong, but not everything could be checked. */
  incomplete: 3,
  /** A bug in keytrail (an unexpected error): never confused with "found a problem". Same as sysexits EX_SOFTWARE. */
  internalError: 70,
  /** Another keytrail is writing this index; try again when it is done. Same as sysexits EX_TEMPFAIL. */
  busy: 75,
  /** Stopped by Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;

export const EXIT_CODES_HELP = [
  'Exit codes: 0 done; 1 the command found a problem (a modified log file, an unknown event, a damaged index);',
  '2 usage error; 3 validate could not check everything; 70 internal error (a bug: please report it);',
  '75 another keytrail is writing the index; 130 interrupted.',
].join('\n');
