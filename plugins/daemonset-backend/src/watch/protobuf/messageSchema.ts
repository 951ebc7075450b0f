/**
 * When a field is in the JSON the API server would send for the same object, as its Go type's
 * `json` tag says: `always` (no `omitempty`, or a struct: written even when zero), `nonZero`
 * (`omitempty` or `omitzero`: left out when zero or empty), `onWire` (a pointer: present exactly
 * when protobuf carries it).
 *
 * @internal
 */
export type JsonPresence = 'always' | 'nonZero' | 'onWire';

/**
 * A field's value type: a string, an integer (int32 or int64), a bool, a `metav1.Time` (RFC 3339
 * in whole seconds, `null` when zero, as its JSON is), a `map<string, string>`, or a message.
 *
 * @internal
 */
export type FieldType =
  | 'string'
  | 'int'
  | 'bool'
  | 'time'
  | 'stringMap'
  | MessageSchema;

/** @internal */
export interface FieldSchema {
  readonly number: number;
  readonly name: string;
  readonly type: FieldType;
  readonly json: JsonPresence;
  readonly repeated: boolean;
}

/**
 * Fields of a Kubernetes protobuf message, in the order of the Go struct (which is the order of
 * the JSON's keys): those any shape may keep; the others are skipped unread.
 *
 * @internal
 */
export interface MessageSchema {
  readonly fields: readonly FieldSchema[];
}

/**
 * A field of a {@link MessageSchema}: `[number, name, type, json presence]`, and `repeated` for
 * a list.
 *
 * @internal
 */
export type FieldSpec =
  | readonly [number, string, FieldType, JsonPresence]
  | readonly [number, string, FieldType, JsonPresence, 'repeated'];

/** Builds a {@link MessageSchema} from its fields in Go struct order. @internal */
export function message(...specs: FieldSpec[]): MessageSchema {
  return {
    fields: specs.map(([number, name, type, json, repeated]) => ({
      number,
      name,
      type,
      json,
      repeated: repeated === 'repeated',
    })),
  };
}
