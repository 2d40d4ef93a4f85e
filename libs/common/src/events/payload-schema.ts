/**
 * JSON Schemas (draft 2020-12 subset) that carry the TypeScript type of what they describe, so a
 * payload is written once: the schema webhook receivers are given is the type services compile
 * against. Only what event payloads need: objects with required properties, strings, numbers,
 * booleans, arrays, string enums and null.
 */
declare const PAYLOAD: unique symbol;

export type PayloadSchema<T = unknown> = { readonly [PAYLOAD]?: T } & { readonly [keyword: string]: unknown };

/** The type a schema describes. */
export type PayloadOf<S> = S extends PayloadSchema<infer T> ? T : never;

type Described = { description?: string };

export const payload = {
  string: (o: Described & { format?: 'uuid' | 'email' | 'uri' } = {}): PayloadSchema<string> => ({ type: 'string', ...o }),
  /** A date sent as its ISO 8601 string (services may hand over the Date itself). */
  dateTime: (o: Described = {}): PayloadSchema<Date | string> => ({ type: 'string', format: 'date-time', ...o }),
  integer: (o: Described = {}): PayloadSchema<number> => ({ type: 'integer', ...o }),
  boolean: (o: Described = {}): PayloadSchema<boolean> => ({ type: 'boolean', ...o }),
  enum: <const V extends readonly string[]>(values: V, o: Described = {}): PayloadSchema<V[number]> => ({
    type: 'string',
    enum: values,
    ...o,
  }),
  array: <T>(items: PayloadSchema<T>, o: Described = {}): PayloadSchema<readonly T[]> => ({ type: 'array', items, ...o }),
  nullable: <T>(schema: PayloadSchema<T>): PayloadSchema<T | null> => {
    const { type, enum: values, ...rest } = schema as { type: string; enum?: readonly unknown[] };
    return { ...rest, type: [type, 'null'], ...(values ? { enum: [...values, null] } : {}) };
  },
  /** Every property required, no others allowed. */
  object: <P extends Record<string, PayloadSchema>>(
    properties: P,
    o: Described = {},
  ): PayloadSchema<{ [K in keyof P]: PayloadOf<P[K]> }> => ({
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
    ...o,
  }),
};
