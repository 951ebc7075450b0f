import { z } from 'zod';
import { Format, portName } from '../formats';
import { parseQuantityString } from '../quantity';

/* Refinements and small value schemas shared by the sections of the input schema. */

export function formatted(
  format: Format,
  base: z.ZodString = z.string(),
): z.ZodEffects<z.ZodString> {
  return base.superRefine((value, ctx) => {
    if (!format.test(value)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: format.message });
    }
  });
}

export function exactlyOne<T extends object>(
  keys: ReadonlyArray<keyof T & string>,
) {
  return (value: T, ctx: z.RefinementCtx): void => {
    const set = keys.filter(key => value[key] !== undefined);
    if (set.length !== 1) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must set exactly one of ${keys.join(', ')}${
          set.length > 1 ? ` (got ${set.join(', ')})` : ''
        }`,
      });
    }
  };
}

export const int = () => z.number().int();
export const portNumber = () => int().min(1).max(65535);

export const portReference = z.union([portNumber(), formatted(portName)], {
  errorMap: () => ({
    message: 'must be a port number (1-65535) or a named container port',
  }),
});

export const protocol = z.enum(['TCP', 'UDP', 'SCTP']);

export const quantityValue = z.union(
  [
    z.number().finite().nonnegative(),
    z.string().superRefine((value, ctx) => {
      if (!parseQuantityString(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message:
            'must be a non-negative Kubernetes quantity such as 250m, 0.5, 512Mi or 1G',
        });
      }
    }),
  ],
  {
    errorMap: () => ({
      message: 'must be a number or a Kubernetes quantity string',
    }),
  },
);

export function operatorValues(
  value: { operator: string; values?: string[] },
  ctx: z.RefinementCtx,
): void {
  const count = value.values?.length ?? 0;
  const fail = (message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, message, path: ['values'] });
  if ((value.operator === 'In' || value.operator === 'NotIn') && count === 0) {
    fail(`must not be empty when operator is ${value.operator}`);
  } else if (
    (value.operator === 'Exists' || value.operator === 'DoesNotExist') &&
    count > 0
  ) {
    fail(`must be empty when operator is ${value.operator}`);
  } else if (value.operator === 'Gt' || value.operator === 'Lt') {
    if (count !== 1 || !/^-?\d+$/.test(value.values![0])) {
      fail(`must be exactly one integer when operator is ${value.operator}`);
    }
  }
}

export const weight = () => int().min(1).max(100);
