import { fail, ok, type Command } from '../command.ts';
import { tryHelp } from './files.ts';

/**
 * coreutils 8.22's seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST: integers, or decimals printed with
 * as many fraction digits as FIRST or INCREMENT has (`seq 1 0.5 2` → 1.0 1.5 2.0). -w pads with
 * leading zeros to equal width. A negative number is an operand, not an option.
 */

const TRY = tryHelp('seq');
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Digits after the decimal point, as seq counts a number's precision. */
const fractionDigits = (s: string): number => (/[eE]/.test(s) ? 0 : s.includes('.') ? s.length - s.indexOf('.') - 1 : 0);

export const seq: Command = (io) => {
  let separator = '\n';
  let equalWidth = false;
  const operands: string[] = [];
  const args = io.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (operands.length > 0 || a === '-' || !a.startsWith('-') || NUMBER.test(a)) {
      operands.push(a);
      continue;
    }
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a === '-w' || a === '--equal-width') {
      equalWidth = true;
    } else if (a === '-s' || a === '--separator' || a.startsWith('--separator=') || /^-s./.test(a)) {
      const inline = a.startsWith('--separator=') ? a.slice('--separator='.length) : /^-s./.test(a) ? a.slice(2) : undefined;
      const value = inline ?? args[++i];
      if (value === undefined) return fail(`seq: option requires an argument -- 's'\n${TRY}`);
      separator = value;
    } else if (a === '-f' || a.startsWith('-f') || a.startsWith('--format')) {
      return fail('lab: seq -f (a printf format) is not simulated; seq prints integers and decimals, -w pads them\n');
    } else if (a.startsWith('--')) {
      return fail(`seq: unrecognized option '${a}'\n${TRY}`);
    } else {
      return fail(`seq: invalid option -- '${a[1]}'\n${TRY}`);
    }
  }
  if (operands.length === 0) return fail(`seq: missing operand\n${TRY}`);
  if (operands.length > 3) return fail(`seq: extra operand ‘${operands[3]}’\n${TRY}`);
  for (const o of operands) if (!NUMBER.test(o)) return fail(`seq: invalid floating point argument: ‘${o}’\n${TRY}`);
  const [firstText, stepText, lastText] = operands.length === 1 ? ['1', '1', operands[0]!] : operands.length === 2 ? [operands[0]!, '1', operands[1]!] : operands as [string, string, string];
  const [first, step, last] = [Number(firstText), Number(stepText), Number(lastText)];
  if (step === 0) return fail(`seq: invalid Zero increment value: ‘${stepText}’\n${TRY}`);
  const digits = Math.max(fractionDigits(firstText), fractionDigits(stepText));
  const values: string[] = [];
  for (let k = 0; ; k++) {
    // first + k·step, as seq steps (no accumulated rounding).
    const v = first + k * step;
    if (step > 0 ? v > last : v < last) break;
    values.push(v.toFixed(digits));
    if (values.length > MAX_LINES) return fail(`lab: seq: more than ${MAX_LINES} numbers; the lab's shell keeps a command's output smaller\n`);
  }
  if (equalWidth) {
    // The width counts a minus sign (`seq -w -1 1` → -1 00 01).
    const width = Math.max(...values.map((v) => v.length));
    for (let k = 0; k < values.length; k++) {
      const v = values[k]!;
      values[k] = v.startsWith('-') ? `-${v.slice(1).padStart(width - 1, '0')}` : v.padStart(width, '0');
    }
  }
  return ok(values.length > 0 ? `${values.join(separator)}\n` : '');
};

/** The most numbers one seq prints here. */
const MAX_LINES = 100_000;
