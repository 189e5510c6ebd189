// Errors meant for the person running paperpulse: their message says what failed and what to do next.
// `kind` lets the CLI choose an exit code without loading the module that threw.

export type ErrorKind = 'config' | 'usage' | 'input' | 'failure';

/** Base class of errors whose message is shown as is (no stack trace). */
export class UserError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
