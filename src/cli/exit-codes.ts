// Exit codes with meanings scripts can rely on (the BSD sysexits values where one fits).
export const ExitCode = {
  ok: 0,
  /** Something unexpected failed; the message says what. */
  failure: 1,
  /** Wrong command-line usage (unknown option, missing argument). */
  usage: 64,
  /** The command finished, but some input records were rejected (each one is listed). */
  dataRejected: 65,
  /** An input file could not be read. */
  noInput: 66,
  /** A program this command needs is not installed (e.g. pg_dump); the message says what to install or run. */
  unavailable: 69,
  /** A server asked us to come back later (rate limit); what was fetched is saved, run again later. */
  tempFail: 75,
  /** The configuration (environment or flags) is invalid. */
  config: 78,
} as const;
