/**
 * The logging seam between core and its hosts. The extension backs it with a LogOutputChannel, the CLI
 * with stderr; core never decides where lines go. Never pass secrets (secret keys, session tokens).
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything: the default for library calls and tests. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
