/**
 * The questions `rootguard task` asks on a terminal, over streams given to the constructor (the process's
 * stdin and stderr in production, a pseudo-terminal or buffers in tests). Stdout is left to the report.
 * Ctrl+C at a question answers "no", so an interrupted confirmation never goes ahead; so does the abort of
 * the signal given (a SIGINT sent to the process, which a terminal in raw mode never turns into Ctrl+C).
 * Input typed while no question is on screen is thrown away: a `y` typed ahead (an impatient user, a key that
 * bounces) must never answer a question asked later, such as the one that confirms a policy just read.
 */
import { createInterface } from 'node:readline';

export interface PromptInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

/** Drops what arrives between questions. */
const discard = () => undefined;

export interface PromptOutput extends NodeJS.WritableStream {
  isTTY?: boolean;
}

export class TerminalPrompt {
  constructor(
    private readonly input: PromptInput,
    private readonly output: PromptOutput,
    private readonly signal?: AbortSignal,
  ) {
    // A terminal's stdin that nothing reads keeps what is typed in the terminal's own buffer, where the first
    // question's reader would find it: from the start, what is typed before a question is read into nothing.
    if (this.interactive) this.discardUntilNextQuestion();
  }

  /** True when both ends are a terminal: only then may the command ask instead of requiring `--yes`. */
  get interactive(): boolean {
    return Boolean(this.input.isTTY && this.output.isTTY);
  }

  /** Asks a question and resolves with the trimmed answer, or undefined on Ctrl+C, an abort or end of input. */
  ask(question: string): Promise<string | undefined> {
    if (this.signal?.aborted) return Promise.resolve(undefined);
    this.dropTypedAhead();
    const rl = createInterface({ input: this.input, output: this.output, terminal: this.interactive });
    return new Promise((resolve) => {
      let settled = false;
      const finish = (answer: string | undefined) => {
        if (settled) return;
        settled = true;
        this.signal?.removeEventListener('abort', interrupted);
        rl.close();
        this.discardUntilNextQuestion();
        resolve(answer);
      };
      const interrupted = () => {
        this.output.write('\n');
        finish(undefined);
      };
      this.signal?.addEventListener('abort', interrupted);
      rl.on('SIGINT', interrupted);
      rl.on('close', () => finish(undefined));
      rl.question(question, (answer) => finish(answer.trim()));
    });
  }

  /**
   * Throws away what was typed before the question: what is buffered in the stream, and (by no longer
   * discarding) nothing more, as the question's reader takes over from here.
   */
  private dropTypedAhead(): void {
    this.input.off('data', discard);
    this.input.pause();
    while (this.input.read() !== null);
  }

  /**
   * Keeps reading after an answer, into nothing: a terminal's stdin that is paused leaves what is typed in the
   * terminal's own buffer, where the next question's reader would find it as if typed in answer.
   */
  private discardUntilNextQuestion(): void {
    this.input.on('data', discard);
    this.input.resume();
  }

  /** Stops reading the input once no question is left to ask, so the process can end. */
  close(): void {
    this.input.off('data', discard);
    this.input.pause();
  }

  /** A yes/no question whose default is no. */
  async confirm(question: string): Promise<boolean> {
    const answer = await this.ask(`${question} [y/N] `);
    return answer !== undefined && /^y(es)?$/i.test(answer);
  }

  /** Asks to type `count`; true only for exactly that number. */
  async typeCount(count: number, what: string): Promise<boolean> {
    const answer = await this.ask(`Type ${count} (the number of ${what}) to go on, anything else to stop: `);
    return answer === String(count);
  }
}
