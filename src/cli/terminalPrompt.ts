/**
 * The questions `rootguard task` asks on a terminal, over streams given to the constructor (the process's
 * stdin and stderr in production, a pseudo-terminal or buffers in tests). Stdout is left to the report.
 * Ctrl+C at a question answers "no", so an interrupted confirmation never goes ahead; so does the abort of
 * the signal given (a SIGINT sent to the process, which a terminal in raw mode never turns into Ctrl+C).
 */
import { createInterface } from 'node:readline';

export interface PromptInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

export interface PromptOutput extends NodeJS.WritableStream {
  isTTY?: boolean;
}

export class TerminalPrompt {
  constructor(
    private readonly input: PromptInput,
    private readonly output: PromptOutput,
    private readonly signal?: AbortSignal,
  ) {}

  /** True when both ends are a terminal: only then may the command ask instead of requiring `--yes`. */
  get interactive(): boolean {
    return Boolean(this.input.isTTY && this.output.isTTY);
  }

  /** Asks a question and resolves with the trimmed answer, or undefined on Ctrl+C, an abort or end of input. */
  ask(question: string): Promise<string | undefined> {
    if (this.signal?.aborted) return Promise.resolve(undefined);
    const rl = createInterface({ input: this.input, output: this.output, terminal: this.interactive });
    return new Promise((resolve) => {
      let settled = false;
      const finish = (answer: string | undefined) => {
        if (settled) return;
        settled = true;
        this.signal?.removeEventListener('abort', interrupted);
        rl.close();
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
