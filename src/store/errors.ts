// The error every store backend throws when it cannot do what was asked.
import { UserError } from '../errors.js';

/** Thrown when the store cannot do what was asked; `cause` holds the driver's error. */
export class StoreError extends UserError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'failure', options);
  }
}
