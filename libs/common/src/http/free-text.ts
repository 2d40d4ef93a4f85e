import { ValidateBy, ValidationOptions } from 'class-validator';

const BIDI = '\\u202A-\\u202E\\u2066-\\u2069';
/** C0 and C1 controls, DEL, the Unicode line and paragraph separators, bidi overrides and isolates. */
const SINGLE_LINE = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029${BIDI}]`);
/** The same, but line breaks and tabs pass (descriptions). */
const MULTI_LINE = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u2028\\u2029${BIDI}]`);

/** Whether `value` is text a person may type into a name (`multiline`: a description) field. */
export function isFreeText(value: unknown, multiline = false): boolean {
  return typeof value === 'string' && !(multiline ? MULTI_LINE : SINGLE_LINE).test(value);
}

/**
 * Free text (names, titles, descriptions, reasons) that other people will see, in the API, in
 * emails and in logs: refuses control characters and the bidi overrides that make text read
 * differently from what it is, so what a user types never becomes structure (a new line in an
 * email, a reordered file name). `multiline` lets line breaks and tabs through.
 */
export function FreeText(options: { multiline?: boolean } = {}, validation?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'freeText',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || isFreeText(value, options.multiline),
        defaultMessage: (args) =>
          `${args?.property ?? 'text'} must not contain control characters${options.multiline ? ' (other than line breaks and tabs)' : ' or line breaks'} or bidirectional overrides`,
      },
    },
    validation,
  );
}
