import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { TerminalPrompt } from '../../../src/cli/terminalPrompt';

/** A terminal's two ends; `answerOnce(question, text)` types `text` once `question` is on screen. */
function terminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stderr = Object.assign(new PassThrough(), { isTTY: true });
  let shown = '';
  const waiting: { question: string; text: string }[] = [];
  stderr.on('data', (chunk: Buffer) => {
    shown += chunk.toString();
    for (const w of waiting.filter((x) => shown.includes(x.question))) {
      waiting.splice(waiting.indexOf(w), 1);
      stdin.write(w.text);
    }
  });
  return { stdin, stderr, answerOnce: (question: string, text: string) => void waiting.push({ question, text }) };
}

/**
 * A terminal's stdin as Node reads it: what is typed waits in the terminal's own buffer, and reaches the stream
 * only once something reads it, a moment later (a read is asynchronous).
 */
function ttyStdin() {
  const typed: string[] = [];
  let reading = false;
  const stdin = Object.assign(
    new Readable({
      read() {
        reading = true;
        setImmediate(() => {
          reading = false;
          if (typed.length) stdin.push(typed.splice(0).join(''));
          else reading = true;
        });
      },
    }),
    { isTTY: true },
  );
  const type = (text: string) => {
    typed.push(text);
    if (reading) stdin.push(typed.splice(0).join(''));
  };
  return { stdin, type };
}

describe('terminal prompt: input typed before a question never answers it', () => {
  it('throws away what was typed before the first question, while the command was still starting', async () => {
    const { stdin, type } = ttyStdin();
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    const prompt = new TerminalPrompt(stdin, stderr);
    // Typed while the organization loads: nothing has asked yet.
    type('y\r');
    await new Promise((resolve) => setTimeout(resolve, 20));
    stderr.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Unlock it?')) type('n\r');
    });
    assert.equal(await prompt.confirm('Unlock it?'), false);
    prompt.close();
    assert.equal(stdin.isPaused(), true, 'stdin released, so the process can end');
  });


  it('throws away what was buffered before the question was asked', async () => {
    const t = terminal();
    const prompt = new TerminalPrompt(t.stdin, t.stderr);
    t.stdin.write('y\r');
    t.answerOnce('Make these changes?', 'n\r');
    assert.equal(await prompt.confirm('Make these changes?'), false);
    prompt.close();
  });

  it('throws away what was typed between two questions: the second is answered only after it is shown', async () => {
    const t = terminal();
    const prompt = new TerminalPrompt(t.stdin, t.stderr);
    t.answerOnce('Unlock it?', 'y\r');
    assert.equal(await prompt.confirm('Unlock it?'), true);
    // Typed again while the session reads the account: no question is on screen.
    t.stdin.write('y\r');
    t.answerOnce('Make these changes?', 'n\r');
    assert.equal(await prompt.confirm('Make these changes?'), false);
    prompt.close();
  });

  it('still takes an answer typed once the question is shown', async () => {
    const t = terminal();
    const prompt = new TerminalPrompt(t.stdin, t.stderr);
    t.answerOnce('Type 3', '3\r');
    assert.equal(await prompt.typeCount(3, 'accounts to change'), true);
    prompt.close();
  });
});
