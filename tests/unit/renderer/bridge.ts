import { contract, events, type Channel, type ChannelOutput, type ChannelParsedInput } from '../../../shared/contract';
import { buildApi } from '../../../shared/contract/bridge';
import { AppError, type Result } from '../../../shared/errors';

/**
 * The `window.patchbay` bridge the stores talk to, built by the same `buildApi` the preload uses and
 * held to the contract both ways: a store's input and a test's answer are parsed by the channel's
 * zod schemas, so neither side can drift from what main really accepts and returns. Import this
 * module before any store (the stores read `window.patchbay` when they load).
 */
type Answer<C extends Channel> = (input: ChannelParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
type Answers = { [C in Channel]?: Answer<C> };

let answers: Answers = {};
const listeners = new Map<string, Set<(payload: unknown) => void>>();

async function invoke(channel: string, input: unknown): Promise<Result<unknown>> {
  const spec = contract[channel as Channel];
  const answer = answers[channel as Channel] as ((input: unknown) => unknown) | undefined;
  try {
    if (!answer) throw new AppError('internal', `The test gave no answer for ${channel}.`);
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) throw new AppError('invalid_input', `${channel}: ${parsed.error.message}`);
    return { ok: true, value: spec.output.parse(await answer(parsed.data)) };
  } catch (error) {
    if (AppError.is(error)) return { ok: false, error: error.toJSON() };
    throw error;
  }
}

window.patchbay = buildApi(Object.keys(contract), Object.keys(events), invoke, (event, listener) => {
  const set = listeners.get(event) ?? new Set();
  listeners.set(event, set);
  set.add(listener);
  return () => set.delete(listener);
});

/** What main answers on each channel from now on (channels not named fail the call). */
export function serve(next: Answers): void {
  answers = next;
}

/** Main pushes an event to the page. */
export function emit(event: keyof typeof events, payload: unknown): void {
  for (const listener of listeners.get(event) ?? []) listener(payload);
}
