// The session's output: whole blocks of lines written above the prompt, so what the app posts while
// the person types never tears the line they are typing.
import { clearLine, cursorTo, type Interface } from 'node:readline';
import type { Style } from './render.ts';

interface Prompt {
  input: Interface;
  /** Read at every redraw: where the next line goes can change while output arrives (a form opens). */
  text: () => string;
}

export class Screen {
  private prompt: Prompt | undefined;

  constructor(
    private readonly out: NodeJS.WritableStream,
    readonly style: Style,
    /** A person at a keyboard (stdin is a TTY), rather than a script piped in. */
    readonly interactive: boolean,
  ) {}

  /** The prompt redrawn under each output (interactive sessions only); none once input has ended. */
  attach(prompt: Prompt | undefined): void {
    // Input ended at a prompt (Ctrl-C, Ctrl-D): what follows starts on a clean line.
    if (this.prompt && !prompt) this.clearLine();
    this.prompt = this.interactive ? prompt : undefined;
  }

  print(lines: string[]): void {
    if (this.prompt) this.clearLine();
    this.out.write(lines.map((line) => `${line}\n`).join(''));
    this.showPrompt(true);
  }

  note(text: string): void {
    this.print([this.style.dim(text)]);
  }

  private clearLine(): void {
    clearLine(this.out, 0);
    cursorTo(this.out, 0);
  }

  /** `keepTyping` redraws what the person had typed so far after the prompt. */
  showPrompt(keepTyping = false): void {
    if (!this.prompt) return;
    this.prompt.input.setPrompt(this.prompt.text());
    this.prompt.input.prompt(keepTyping);
  }
}
