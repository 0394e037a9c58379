// A modal as prompts: each input's label asked in turn, then the answers submitted as the
// view_submission Slack would send; field errors in the app's ack ask those fields again.
import { viewSubmission } from './payloads.ts';
import type { Transcript } from './transcript.ts';

type View = Record<string, unknown>;

interface Field {
  blockId: string;
  actionId: string;
  type: string;
  label: string;
  optional: boolean;
  initial: string | undefined;
  hint: string | undefined;
  minLength: number | undefined;
  maxLength: number | undefined;
}

function fieldsOf(view: View): Field[] {
  // The view is JSON the app sent; an input this cannot read is asked with the defaults below.
  const blocks = (view['blocks'] ?? []) as Array<Record<string, any>>;
  return blocks
    .filter((block) => block['type'] === 'input' && block['element'])
    .map((block) => {
      const element = block['element'] as Record<string, any>;
      return {
        blockId: String(block['block_id']),
        actionId: String(element['action_id']),
        type: String(element['type']),
        label: String(block['label']?.text ?? block['block_id']),
        optional: block['optional'] === true,
        initial: element['initial_value'],
        hint: block['hint']?.text ?? element['placeholder']?.text,
        minLength: element['min_length'],
        maxLength: element['max_length'],
      };
    });
}

interface OpenForm {
  view: View;
  fields: Field[];
  answers: Map<string, string | undefined>;
  /** Indexes into `fields` still to ask, in order. */
  asking: number[];
}

export class ModalPrompts {
  private form: OpenForm | undefined;

  constructor(
    private readonly transcript: Transcript,
    /** Delivers the view_submission and resolves with the app's ack. */
    private readonly submit: (payload: Record<string, unknown>) => Promise<unknown>,
  ) {}

  get active(): boolean {
    return this.form !== undefined;
  }

  /** Shows a view the app opened, pushed or updated; one with inputs takes the next lines as answers. */
  show(view: View): void {
    this.transcript.modal(view);
    const fields = fieldsOf(view);
    if (fields.length === 0) return;
    this.form = { view, fields, answers: new Map(), asking: fields.map((_, i) => i) };
    this.transcript.screen.note('│ (a form: answer each field on its own line; /close cancels it)');
    this.ask();
  }

  private close(): void {
    if (this.form) this.transcript.screen.note('(form closed, nothing sent)');
    this.form = undefined;
  }

  async answer(line: string): Promise<void> {
    const form = this.form;
    const field = this.current();
    if (!form || !field) return;
    // A script's answers are not echoed by a terminal, so its transcript shows them here.
    if (!this.transcript.screen.interactive) this.transcript.screen.note(`│ › ${line}`);
    if (line.trim() === '/close') return this.close();
    const typed = line.trim() === '' ? field.initial : line.trim();
    const problem = this.problem(field, typed);
    if (problem) {
      this.transcript.screen.note(`  ${problem}`);
      return this.ask();
    }
    form.answers.set(field.blockId, typed);
    form.asking.shift();
    if (form.asking.length > 0) return this.ask();
    await this.send(form);
  }

  private current(): Field | undefined {
    const form = this.form;
    const index = form?.asking[0];
    return form && index !== undefined ? form.fields[index] : undefined;
  }

  /** What Slack's own form would refuse before sending. */
  private problem(field: Field, typed: string | undefined): string | undefined {
    if (typed === undefined) return field.optional ? undefined : `${field.label} is required (/close to cancel the form).`;
    if (field.minLength !== undefined && typed.length < field.minLength) return `${field.label} needs at least ${field.minLength} characters.`;
    if (field.maxLength !== undefined && typed.length > field.maxLength) return `${field.label} takes at most ${field.maxLength} characters.`;
    return undefined;
  }

  private ask(): void {
    const field = this.current();
    if (!field) return;
    const { style } = this.transcript.screen;
    const about = [field.optional ? 'optional' : undefined, field.hint, field.initial !== undefined ? `Enter keeps "${field.initial}"` : undefined].filter(Boolean).join(' · ');
    this.transcript.screen.print([`│ ${style.bold(`${field.label}:`)}${about ? style.dim(`  ${about}`) : ''}`]);
  }

  private async send(form: OpenForm): Promise<void> {
    const values = Object.fromEntries(
      form.fields.map((field) => [field.blockId, { [field.actionId]: { type: field.type, value: form.answers.get(field.blockId) ?? null } }]),
    );
    this.form = undefined;
    const ack = (await this.submit(viewSubmission(form.view, values))) as { response_action?: string; errors?: Record<string, string> } | undefined;
    if (ack?.response_action === 'errors' && ack.errors) {
      for (const [blockId, message] of Object.entries(ack.errors)) {
        this.transcript.screen.note(`  ${form.fields.find((field) => field.blockId === blockId)?.label ?? blockId}: ${message}`);
      }
      const again = form.fields.flatMap((field, i) => (ack.errors?.[field.blockId] !== undefined ? [i] : []));
      this.form = { ...form, asking: again.length > 0 ? again : form.fields.map((_, i) => i) };
      return this.ask();
    }
    this.transcript.screen.note('└ form sent');
  }
}
