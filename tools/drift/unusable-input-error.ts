/** Input that made the run impossible (exit 2), as opposed to drift: the message says what to fix. */
export class UnusableInputError extends Error {}
