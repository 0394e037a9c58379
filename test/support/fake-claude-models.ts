// The models the fake Claude serves, and the rules each follows. A model id outside this list is
// answered as the API answers an unknown model: 404 not_found_error.
export interface FakeModel {
  id: string;
  displayName: string;
  /** The 5.5 generation: adaptive thinking by default, no `disabled`, no budgets, no prefill, no forced tools. */
  generation55: boolean;
  /** Whether a request without `thinking` thinks (and so answers with a thinking block first). */
  thinksByDefault: boolean;
}

export const FAKE_MODELS: readonly FakeModel[] = [
  { id: 'claude-sonnet-5-5', displayName: 'Claude Sonnet 5.5', generation55: true, thinksByDefault: true },
  { id: 'claude-haiku-5-5', displayName: 'Claude Haiku 5.5', generation55: true, thinksByDefault: true },
  { id: 'claude-opus-5-5', displayName: 'Claude Opus 5.5', generation55: true, thinksByDefault: true },
  { id: 'claude-sonnet-5', displayName: 'Claude Sonnet 5', generation55: false, thinksByDefault: true },
  { id: 'claude-opus-5', displayName: 'Claude Opus 5', generation55: false, thinksByDefault: true },
  { id: 'claude-sonnet-4-6', displayName: 'Claude Sonnet 4.6', generation55: false, thinksByDefault: false },
  { id: 'claude-haiku-4-5', displayName: 'Claude Haiku 4.5', generation55: false, thinksByDefault: false },
];

export function fakeModel(id: string): FakeModel | undefined {
  return FAKE_MODELS.find((model) => model.id === id);
}
