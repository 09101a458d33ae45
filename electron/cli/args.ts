/**
 * Option parsing shared by the commands: node:util parseArgs in strict mode, plus parsers for the value
 * syntaxes (`3x224x224`, `false,true,true`, `0.485,0.456,0.406`) that fail with one-line usage errors.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | undefined>;

/** parseArgs with `--help` added; unknown options and missing values become usage errors. */
export function parseCommand(
  command: string,
  argv: string[],
  options: OptionSpec,
  allowPositionals: boolean,
): { values: Values; positionals: string[] } {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
    return { values: parsed.values as Values, positionals: parsed.positionals };
  } catch (e) {
    const message = (e as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '');
    throw new UsageError(`${command}: ${message}; see resnet-lens ${command} --help`);
  }
}

/** A string option's value, or undefined. */
export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A required string option. */
export function required(values: Values, name: string, command: string): string {
  const v = str(values, name);
  if (v === undefined || v === '')
    throw new UsageError(`${command}: --${name} is required; see resnet-lens ${command} --help`);
  return v;
}

/** A positive integer option, or the default. */
export function positiveInt(values: Values, name: string, fallback?: number): number | undefined {
  const v = str(values, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1)
    throw new UsageError(`--${name} must be a positive integer, got "${v}"`);
  return Number(v);
}

/** One of a fixed set of values. */
export function oneOf<T extends string>(values: Values, name: string, allowed: readonly T[], fallback: T): T {
  const v = str(values, name);
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${v}"`);
  }
  return v as T;
}

/** `a,b,c` of numbers, exactly `count` of them. */
export function numberList(text: string, name: string, count?: number): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const nums = parts.map(Number);
  if (parts.some((p) => p === '') || nums.some((n) => !Number.isFinite(n))) {
    throw new UsageError(`--${name} must be comma-separated numbers, got "${text}"`);
  }
  if (count !== undefined && nums.length !== count) {
    throw new UsageError(`--${name} needs ${count} numbers, got ${nums.length} in "${text}"`);
  }
  return nums;
}

/** `false,true,true` (torchvision's replace_stride_with_dilation; 0/1 accepted too). */
export function boolTriple(text: string, name: string): [boolean, boolean, boolean] {
  const parts = text.split(',').map((s) => s.trim().toLowerCase());
  const map: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };
  if (parts.length !== 3 || parts.some((p) => !(p in map))) {
    throw new UsageError(`--${name} needs three booleans like false,true,true, got "${text}"`);
  }
  return parts.map((p) => map[p]!) as [boolean, boolean, boolean];
}

/** `3x224x224` (C x H x W) or `224x224` / `224` (3 channels implied). */
export function inputShape(text: string, name = 'input'): [number, number, number] {
  const parts = text.toLowerCase().split('x');
  const nums = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  if (nums.some((n) => !Number.isInteger(n) || n < 1) || nums.length < 1 || nums.length > 3) {
    throw new UsageError(`--${name} must look like 3x224x224 (channels x height x width), got "${text}"`);
  }
  if (nums.length === 1) return [3, nums[0]!, nums[0]!];
  if (nums.length === 2) return [3, nums[0]!, nums[1]!];
  return [nums[0]!, nums[1]!, nums[2]!];
}

/** `HxW` or `S` (square) for image sizes. */
export function sizeHW(text: string, name = 'size'): { height: number; width: number } {
  const m = /^(\d+)(?:x(\d+))?$/i.exec(text.trim());
  const h = m ? Number(m[1]) : NaN;
  const w = m ? Number(m[2] ?? m[1]) : NaN;
  if (!(h >= 1 && w >= 1))
    throw new UsageError(`--${name} must look like 224x224 (height x width), got "${text}"`);
  return { height: h, width: w };
}
