// The error every store backend throws when it cannot do what was asked.
import { UserError } from '../errors.js';

/** Thrown when the store cannot do what was asked; `cause` holds the driver's error. */
export class StoreError extends UserError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'failure', options);
  }
}

/**
 * The database cannot be reached right now (stopped, restarting, failing over, network): the same request can
 * succeed later. Web requests answer 503 with Retry-After; commands exit 75 (come back later).
 */
export class StoreUnavailableError extends StoreError {}
