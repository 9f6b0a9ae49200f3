/**
 * One error type for every service: the service modules throw it and the protocol encoders turn it into the
 * wire shape of their protocol (awsQuery `<ErrorResponse>`, awsJson `__type`, S3 `<Error>`).
 */
export class SandboxError extends Error {
  constructor(
    /** The wire code (`NoSuchEntity`, `AccessDeniedException`, `com.amazonaws.sqs#QueueDoesNotExist`, ...). */
    readonly code: string,
    readonly status: number,
    message: string,
    /** Extra members: `Reason` / `Type` for Organizations, `BucketName` for S3. */
    readonly fields: Record<string, string> = {},
    /** SQS only: the awsQuery code carried in `x-amzn-query-error`. */
    readonly queryCode?: string,
    /** Connection-level fault: the server resets the socket instead of answering. */
    readonly reset = false,
  ) {
    super(message);
    this.name = code;
  }

  /** awsQuery `<Type>`: Receiver for server faults. */
  get faultType(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}
