import type { z } from 'zod';
import type { DaemonSetInput, ParsedDaemonSetInput } from './input';
import { daemonSetInputObject } from './schema';

/*
 * Compile-time checks: `yarn tsc` fails when the hand-written types and the schema drift apart,
 * in either direction (a field added, removed, made optional or given another type).
 */

type Assignable<A, B> = [A] extends [B] ? true : false;
type Same<A, B> = Assignable<A, B> extends true ? Assignable<B, A> : false;

type InferredInput = z.input<typeof daemonSetInputObject>;
type InferredOutput = z.output<typeof daemonSetInputObject>;

const inputMatches: Same<DaemonSetInput, InferredInput> = true;
const outputMatches: Same<ParsedDaemonSetInput, InferredOutput> = true;
// Defaults make the two sides differ: a raw input is not a parsed one.
const rawIsNotParsed: Assignable<DaemonSetInput, ParsedDaemonSetInput> = false;

describe('hand-written input types', () => {
  it('equal the types the schema infers, both ways', () => {
    expect([inputMatches, outputMatches, rawIsNotParsed]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('keep the schema the public one wraps', () => {
    expect(
      daemonSetInputObject.safeParse({
        name: 'agent',
        containers: [{ name: 'agent', image: 'nginx' }],
      }).data?.namespace,
    ).toBe('default');
  });
});
