import { z } from 'zod';
import { AppError, describeZodIssues, type AppErrorShape } from '../errors';
import type { FieldType } from '../models/field-schema';
import { AddressConfig, CountryConfig, compileAddress, compileCountry } from './address';
import { BooleanConfig, compileBoolean } from './boolean';
import {
  ConcatConfig,
  JoinConfig,
  SplitConfig,
  TemplateConfig,
  compileConcat,
  compileJoin,
  compileSplit,
  compileTemplate,
} from './compose';
import { ConstantConfig, DefaultConfig, compileConstant, compileDefault } from './constant';
import { DateConfig, compileDate } from './date';
import { EmailConfig, compileEmail } from './email';
import { ExpressionConfig, compileExpression } from './expression';
import { LookupConfig, compileLookup } from './lookup';
import { MoneyConfig, compileMoney } from './money';
import { NumberConfig, compileNumber } from './number';
import { PhoneConfig, compilePhone } from './phone';
import {
  CaseConfig,
  CollapseSpacesConfig,
  CopyConfig,
  TrimConfig,
  compileCase,
  compileCollapseSpaces,
  compileCopy,
  compileTrim,
} from './text';
import type { CompiledTransform, TransformContext, TransformFn } from './types';
import { errorMessage } from '../error-message';

export type { CompiledTransform, TransformContext, TransformFn } from './types';
export type { Money } from './money';
export type { Address } from './address';

/** Every transform step, discriminated on `kind`. Semantic checks (duplicate lookup keys, date formats, zones) run at parse. */
export const TransformStep = z.discriminatedUnion('kind', [
  CopyConfig,
  TrimConfig,
  CaseConfig,
  CollapseSpacesConfig,
  SplitConfig,
  JoinConfig,
  ConcatConfig,
  TemplateConfig,
  DefaultConfig,
  ConstantConfig,
  LookupConfig,
  DateConfig,
  NumberConfig,
  MoneyConfig,
  PhoneConfig,
  AddressConfig,
  CountryConfig,
  EmailConfig,
  BooleanConfig,
  ExpressionConfig,
]);
export type TransformStep = z.infer<typeof TransformStep>;
export type TransformStepInput = z.input<typeof TransformStep>;
export type TransformKind = TransformStep['kind'];

type Compilers = { [K in TransformKind]: (config: Extract<TransformStep, { kind: K }>) => TransformFn };

const COMPILERS: Compilers = {
  copy: compileCopy,
  trim: compileTrim,
  case: compileCase,
  collapse_spaces: compileCollapseSpaces,
  split: compileSplit,
  join: compileJoin,
  concat: compileConcat,
  template: compileTemplate,
  default: compileDefault,
  constant: compileConstant,
  lookup: compileLookup,
  date: compileDate,
  number: compileNumber,
  money: compileMoney,
  phone: compilePhone,
  address: compileAddress,
  country: compileCountry,
  email: compileEmail,
  boolean: compileBoolean,
  expression: compileExpression,
};

export const TRANSFORM_KINDS = Object.keys(COMPILERS) as TransformKind[];

/** Parse a step's config once; errors are AppError('transform_error') naming the bad setting. */
export function parseTransformStep(step: unknown): TransformStep {
  const kind = (step as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !(kind in COMPILERS)) {
    throw new AppError(
      'transform_error',
      `Unknown transform kind ${JSON.stringify(kind)}; expected one of ${TRANSFORM_KINDS.join(', ')}.`,
      { kind },
    );
  }
  const parsed = TransformStep.safeParse(step);
  if (!parsed.success) {
    const { message, issues } = describeZodIssues(parsed.error);
    throw new AppError('transform_error', `Invalid ${kind} transform: ${message}`, { kind, issues });
  }
  return parsed.data;
}

export function compileTransform(step: unknown): CompiledTransform {
  const config = parseTransformStep(step);
  const compile = COMPILERS[config.kind] as (c: TransformStep) => TransformFn;
  return { kind: config.kind, async: config.kind === 'expression', run: compile(config) };
}

export interface CompiledChain {
  async: boolean;
  /** Returns a promise only when the chain contains an async (JSONata) step. */
  run(value: unknown, context: TransformContext): unknown;
}

/** Step errors name the step: "step 2 (date): …" so the editor can point at it. */
function atStep(error: unknown, index: number, kind: string): AppError {
  if (error instanceof AppError) {
    return new AppError(error.code, `Step ${index + 1} (${kind}): ${error.message}`, { ...error.details, step: index });
  }
  return new AppError('transform_error', `Step ${index + 1} (${kind}) failed: ${errorMessage(error)}`, {
    step: index,
    kind,
  });
}

export function compileChain(steps: readonly unknown[]): CompiledChain {
  const compiled = steps.map((step, index) => {
    try {
      return compileTransform(step);
    } catch (error) {
      throw atStep(error, index, String((step as { kind?: unknown } | null)?.kind));
    }
  });
  const firstAsync = compiled.findIndex((s) => s.async);
  if (firstAsync < 0) {
    return {
      async: false,
      run(value, context) {
        let current = value;
        for (let i = 0; i < compiled.length; i++) {
          try {
            current = compiled[i]!.run(current, context);
          } catch (error) {
            throw atStep(error, i, compiled[i]!.kind);
          }
        }
        return current;
      },
    };
  }
  return {
    async: true,
    async run(value, context) {
      let current = value;
      for (let i = 0; i < compiled.length; i++) {
        try {
          current = await compiled[i]!.run(current, context);
        } catch (error) {
          throw atStep(error, i, compiled[i]!.kind);
        }
      }
      return current;
    },
  };
}

/** One-off apply (the editor's per-step sample output). The sync engine uses compiled chains instead. */
export async function applyTransform(step: unknown, value: unknown, context: TransformContext = {}): Promise<unknown> {
  return compileTransform(step).run(value, context);
}

/** The typed sample the user types in the inline tester: text as typed plus the source field's type. */
export function coerceSample(text: string, type: FieldType | undefined): unknown {
  switch (type) {
    case 'number':
    case 'integer': {
      const n = Number(text.trim());
      return text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    case 'boolean':
      return text.trim() === 'true' ? true : text.trim() === 'false' ? false : text;
    case 'object':
    case 'array':
    case 'money':
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    default:
      return text;
  }
}

export type TestTransformResult = { ok: true; value: unknown } | { ok: false; error: AppErrorShape };

/** "Test a single transform on a typed value": never throws, returns the value or the typed error. */
export async function testTransform(
  step: unknown,
  sample: unknown,
  options: { type?: FieldType; context?: TransformContext } = {},
): Promise<TestTransformResult> {
  try {
    const value = typeof sample === 'string' && options.type ? coerceSample(sample, options.type) : sample;
    return { ok: true, value: await applyTransform(step, value, options.context ?? { sources: [value] }) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toJSON() };
    return { ok: false, error: { code: 'transform_error', message: errorMessage(error) } };
  }
}
