import fc from 'fast-check';
import { withoutManagedFields } from './managedFields';

/** `value` with every member `managedFields` whose value is an array removed, at any depth. */
function dropped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropped);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k, v]) => !(k === 'managedFields' && Array.isArray(v)))
        .map(([k, v]) => [k, dropped(v)]),
    );
  }
  return value;
}

/** Strings that try to fool a scanner: quotes, backslashes, brackets, the key itself. */
const trickyString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'managedFields',
    '"managedFields":[',
    '\\',
    '\\"',
    '[[{',
    ']}',
    'k:{"type":"Ready"}',
    'é∑😀',
  ),
);

const managedFieldsEntry = fc.record({
  manager: trickyString,
  operation: fc.constantFrom('Update', 'Apply'),
  fieldsV1: fc.dictionary(
    trickyString,
    fc.dictionary(trickyString, fc.constant({})),
  ),
});

const kubernetesObject = fc.letrec(tie => ({
  value: fc.oneof(
    { depthSize: 'small' },
    trickyString,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    tie('object'),
  ),
  object: fc
    .tuple(
      fc.dictionary(trickyString, tie('value'), { maxKeys: 4 }),
      fc.option(fc.array(managedFieldsEntry, { maxLength: 3 })),
      fc.nat(5),
    )
    .map(([members, managed, position]) => {
      if (managed === null) return members;
      // managedFields first, last, in between or alone.
      const entries = Object.entries(members).filter(
        ([k]) => k !== 'managedFields',
      );
      const at = Math.min(position, entries.length);
      entries.splice(at, 0, ['managedFields', managed]);
      return Object.fromEntries(entries);
    }),
}));

describe('withoutManagedFields', () => {
  it('gives the same objects as parsing everything and deleting managedFields', () => {
    fc.assert(
      fc.property(kubernetesObject.object, fc.boolean(), (object, pretty) => {
        const text = JSON.stringify(object, null, pretty ? 2 : undefined);
        expect(JSON.parse(withoutManagedFields(text))).toEqual(dropped(object));
      }),
      { numRuns: 500 },
    );
  });

  it('cuts the managedFields of every object of a list', () => {
    const pod = (name: string) => ({
      metadata: {
        name,
        managedFields: [{ manager: 'kubelet', fieldsV1: { 'f:status': {} } }],
        labels: { app: 'agent' },
      },
      status: { phase: 'Running' },
    });
    const text = JSON.stringify({ items: [pod('a'), pod('b')] });
    const cut = withoutManagedFields(text);
    expect(cut).not.toContain('managedFields');
    expect(JSON.parse(cut)).toEqual({
      items: ['a', 'b'].map(name => ({
        metadata: { name, labels: { app: 'agent' } },
        status: { phase: 'Running' },
      })),
    });
  });

  it('leaves a value named managedFields, or one that is not an array, as it is', () => {
    const text = JSON.stringify({
      metadata: {
        annotations: { managedFields: 'kept', note: '"managedFields":[' },
        managedFields: { not: 'an array' },
      },
    });
    expect(withoutManagedFields(text)).toBe(text);
  });

  it('returns text it cannot follow whole', () => {
    const truncated = '{"metadata":{"managedFields":[{"manager":"a"';
    expect(withoutManagedFields(truncated)).toBe(truncated);
  });
});
