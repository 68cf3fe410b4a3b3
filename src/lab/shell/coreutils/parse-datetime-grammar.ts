import { localtime } from './broken-down-time.ts';
import type { Timespec } from './parse-datetime.ts';
import type { Token } from './parse-datetime-lex.ts';

/**
 * The grammar of gnulib's parse-datetime.y (coreutils 8.22) and its actions on parser_control.
 * Bison's LALR tables prefer shifting in the grammar's 31 conflicts; taking the longest production
 * at each point, without backtracking, makes the same choices (and the same syntax errors).
 */

export enum Meridian { Am, Pm, H24 }

export interface TextInt {
  readonly negative: boolean;
  readonly value: number;
  readonly digits: number;
}

interface Relative {
  year: number;
  month: number;
  day: number;
  hour: number;
  minutes: number;
  seconds: number;
  ns: number;
}

const relative = (r: Partial<Relative>): Relative => ({ year: 0, month: 0, day: 0, hour: 0, minutes: 0, seconds: 0, ns: 0, ...r });

/** A syntax error: yyparse fails. */
export class ParseFailure extends Error {}

/** parser_control: what the items set, and how many of each kind were seen. */
export class Control {
  dayOrdinal = 0;
  dayNumber = 0;
  /** Minutes east of UTC. */
  timeZone = 0;
  meridian = Meridian.H24;
  year: TextInt;
  month: number;
  day: number;
  hour: number;
  minutes: number;
  seconds: Timespec;
  rel = relative({});
  timespecSeen = false;
  relsSeen = false;
  datesSeen = 0;
  daysSeen = 0;
  timesSeen = 0;
  zonesSeen = 0;

  constructor(now: Timespec) {
    const tm = localtime(now.sec)!;
    this.year = { negative: false, value: tm.year + 1900, digits: 0 };
    this.month = tm.mon + 1;
    this.day = tm.mday;
    this.hour = tm.hour;
    this.minutes = tm.min;
    this.seconds = { sec: tm.sec, ns: now.ns };
  }

  setTime(hour: number, minutes: number, seconds: Timespec, meridian: Meridian): void {
    this.hour = hour;
    this.minutes = minutes;
    this.seconds = seconds;
    this.meridian = meridian;
  }

  /** apply_relative_time. */
  applyRelative(r: Relative, factor: number): void {
    for (const k of ['year', 'month', 'day', 'hour', 'minutes', 'seconds', 'ns'] as const) this.rel[k] += factor * r[k];
    this.relsSeen = true;
  }

  /** time_zone_hhmm: ±HH or ±HHMM, or ±HH:MM; an offset beyond 24 hours counts as a second zone (rejected). */
  zoneHhmm(s: TextInt, mm: number): number {
    const value = s.digits <= 2 && mm < 0 ? s.value * 100 : s.value;
    const minutes = mm < 0 ? Math.trunc(value / 100) * 60 + (value % 100) : value * 60 + (s.negative ? -mm : mm);
    if (Math.abs(minutes) > 24 * 60) this.zonesSeen++;
    return minutes;
  }

  /** digits_to_date_time: YYYYMMDD, HHMM or HH, or the year of a date already seen. */
  digitsToDateTime(n: TextInt): void {
    if (this.datesSeen && !this.year.digits && !this.relsSeen && (this.timesSeen || n.digits > 2)) {
      this.year = n;
    } else if (n.digits > 4) {
      this.datesSeen++;
      this.day = n.value % 100;
      this.month = Math.trunc(n.value / 100) % 100;
      this.year = { negative: false, value: Math.trunc(n.value / 10_000), digits: n.digits - 4 };
    } else {
      this.timesSeen++;
      this.setTime(n.digits <= 2 ? n.value : Math.trunc(n.value / 100), n.digits <= 2 ? 0 : n.value % 100, { sec: 0, ns: 0 }, Meridian.H24);
    }
  }
}

/** The grammar, one item at a time, always shifting where bison's tables shift. */
export class Parser {
  private at = 0;

  constructor(private readonly tokens: readonly Token[], private readonly pc: Control) {}

  private peek(k = 0): Token {
    return this.tokens[Math.min(this.at + k, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    this.at++;
    return t;
  }

  private expect(...types: Token['type'][]): Token {
    const t = this.next();
    if (!types.includes(t.type)) throw new ParseFailure();
    return t;
  }

  private is(...types: Token['type'][]): boolean {
    return types.includes(this.peek().type);
  }

  /** spec: `@` seconds | items. */
  spec(): void {
    if (this.is('@')) {
      this.next();
      const s = this.expect('snumber', 'unumber', 'sdecimal', 'udecimal');
      this.pc.seconds = { sec: s.value, ns: s.ns };
      this.pc.timespecSeen = true;
    } else {
      while (!this.is('end')) this.item();
    }
    this.expect('end');
  }

  private item(): void {
    const t = this.peek();
    switch (t.type) {
      case 'unumber': return this.afterNumber();
      case 'snumber': case 'sdecimal': case 'udecimal': case 'ordinal':
      case 'yearUnit': case 'monthUnit': case 'dayUnit': case 'hourUnit': case 'minuteUnit': case 'secUnit':
        if (t.type === 'ordinal' && this.peek(1).type === 'day') {
          this.next();
          this.day(t.value, this.next().value);
        } else this.rel(this.relunit());
        return;
      case 'dayShift':
        this.next();
        this.pc.applyRelative(relative({ day: t.value }), 1);
        return;
      case 'day':
        this.next();
        if (this.is(',')) this.next();
        this.day(0, t.value);
        return;
      case 'month': return this.monthFirst();
      default:
        if (!this.zone()) throw new ParseFailure();
        this.pc.zonesSeen++;
    }
  }

  private day(ordinal: number, dayNumber: number): void {
    this.pc.dayOrdinal = ordinal;
    this.pc.dayNumber = dayNumber;
    this.pc.daysSeen++;
  }

  /** rel: relunit [ago]. */
  private rel(r: Relative): void {
    this.pc.applyRelative(r, this.is('ago') ? this.next().value : 1);
  }

  /** relunit: [ordinal | number | signed number | decimal] unit. */
  private relunit(): Relative {
    const t = this.next();
    const unitOf = (n: number, unit: Token): Relative => {
      switch (unit.type) {
        case 'yearUnit': return relative({ year: n });
        case 'monthUnit': return relative({ month: n });
        case 'dayUnit': return relative({ day: n * unit.value });
        case 'hourUnit': return relative({ hour: n });
        case 'minuteUnit': return relative({ minutes: n });
        default: return relative({ seconds: n });
      }
    };
    if (t.type === 'sdecimal' || t.type === 'udecimal') {
      this.expect('secUnit');
      return relative({ seconds: t.value, ns: t.ns });
    }
    if (t.type === 'ordinal' || t.type === 'unumber' || t.type === 'snumber') {
      return unitOf(t.value, this.expect('yearUnit', 'monthUnit', 'dayUnit', 'hourUnit', 'minuteUnit', 'secUnit'));
    }
    return unitOf(1, t);
  }

  private isUnit(k = 0): boolean {
    return ['yearUnit', 'monthUnit', 'dayUnit', 'hourUnit', 'minuteUnit', 'secUnit'].includes(this.peek(k).type);
  }

  /** An item starting with an unsigned number: a time, a date, a weekday, a relative item or a bare number. */
  private afterNumber(): void {
    const pc = this.pc;
    const n = this.peek();
    const following = this.peek(1).type;
    if (following === 'meridian') {
      this.next();
      this.time(n.value, 0, { sec: 0, ns: 0 }, this.next().value);
    } else if (following === ':') {
      this.next();
      this.next();
      const { minutes, seconds } = this.minutesAndSeconds();
      if (this.is('meridian')) this.time(n.value, minutes, seconds, this.next().value);
      else this.isoTime(n.value, minutes, seconds);
    } else if (following === 'snumber' && this.peek(2).type === 'snumber') {
      this.isoDate();
      if (this.is('T')) {
        this.next();
        const h = this.expect('unumber');
        this.isoTimeAfterHour(h);
        pc.timesSeen++;
      }
      pc.datesSeen++;
    } else if (following === 'snumber' && this.isUnit(2)) {
      this.next();
      pc.digitsToDateTime(textInt(n));
      pc.applyRelative(this.relunit(), 1);
    } else if (following === 'snumber') {
      this.next();
      pc.setTime(n.value, 0, { sec: 0, ns: 0 }, Meridian.H24);
      pc.timeZone = this.zoneOffset();
      pc.zonesSeen++;
      pc.timesSeen++;
    } else if (following === '/') {
      this.next();
      this.next();
      const second = this.expect('unumber');
      if (this.is('/')) {
        this.next();
        const third = this.expect('unumber');
        // YYYY/MM/DD when the first number has four digits or more, else MM/DD/YY.
        if (n.digits >= 4) [pc.year, pc.month, pc.day] = [textInt(n), second.value, third.value];
        else [pc.month, pc.day, pc.year] = [n.value, second.value, textInt(third)];
      } else [pc.month, pc.day] = [n.value, second.value];
      pc.datesSeen++;
    } else if (following === 'month') {
      this.next();
      pc.day = n.value;
      pc.month = this.next().value;
      if (this.is('snumber')) {
        const y = this.next();
        pc.year = { negative: false, value: -y.value, digits: y.digits };
      } else if (this.is('unumber')) pc.year = textInt(this.next());
      pc.datesSeen++;
    } else if (following === 'day') {
      this.next();
      this.day(n.value, this.next().value);
    } else if (this.isUnit(1)) {
      this.rel(this.relunit());
    } else {
      this.next();
      pc.digitsToDateTime(textInt(n));
    }
  }

  /** time with am/pm. */
  private time(hour: number, minutes: number, seconds: Timespec, meridian: Meridian): void {
    this.pc.setTime(hour, minutes, seconds, meridian);
    this.pc.timesSeen++;
  }

  /** iso_8601_time after HH:MM[:SS]: an optional zone offset. */
  private isoTime(hour: number, minutes: number, seconds: Timespec): void {
    this.pc.setTime(hour, minutes, seconds, Meridian.H24);
    if (this.is('snumber')) {
      this.pc.timeZone = this.zoneOffset();
      this.pc.zonesSeen++;
    }
    this.pc.timesSeen++;
  }

  /** `MM[:SS[.NNN]]` after a time's `HH:`. */
  private minutesAndSeconds(): { minutes: number; seconds: Timespec } {
    const minutes = this.expect('unumber').value;
    let seconds: Timespec = { sec: 0, ns: 0 };
    if (this.is(':')) {
      this.next();
      const s = this.expect('unumber', 'udecimal');
      seconds = { sec: s.value, ns: s.ns };
    }
    return { minutes, seconds };
  }

  /** iso_8601_time after the `T` of a datetime and its hour: `HH zone`, `HH:MM [zone]` or `HH:MM:SS [zone]`. */
  private isoTimeAfterHour(h: Token): void {
    if (this.is(':')) {
      this.next();
      const { minutes, seconds } = this.minutesAndSeconds();
      this.pc.setTime(h.value, minutes, seconds, Meridian.H24);
      if (this.is('snumber')) {
        this.pc.timeZone = this.zoneOffset();
        this.pc.zonesSeen++;
      }
      return;
    }
    this.pc.setTime(h.value, 0, { sec: 0, ns: 0 }, Meridian.H24);
    if (!this.is('snumber')) throw new ParseFailure();
    this.pc.timeZone = this.zoneOffset();
    this.pc.zonesSeen++;
  }

  /** iso_8601_date: YYYY-MM-DD (the month and day lexed as negative numbers). */
  private isoDate(): void {
    const y = this.next();
    const m = this.next();
    const d = this.next();
    this.pc.year = textInt(y);
    this.pc.month = -m.value;
    this.pc.day = -d.value;
  }

  /** zone_offset: ±HH, ±HHMM or ±HH:MM, in minutes east. */
  private zoneOffset(): number {
    const s = this.expect('snumber');
    let mm = -1;
    if (this.is(':')) {
      this.next();
      mm = this.expect('unumber').value;
    }
    return this.pc.zoneHhmm(textInt(s), mm);
  }

  /** An item starting with a month name: `Jan 31`, `Jan 31, 2024` or `Jan-31-2024`. */
  private monthFirst(): void {
    const pc = this.pc;
    pc.month = this.next().value;
    if (this.is('snumber')) {
      pc.day = -this.next().value;
      const y = this.expect('snumber');
      pc.year = { negative: false, value: -y.value, digits: y.digits };
    } else {
      pc.day = this.expect('unumber').value;
      if (this.is(',')) {
        this.next();
        pc.year = textInt(this.expect('unumber'));
      }
    }
    pc.datesSeen++;
  }

  /** zone: a zone name [with an offset or a relative item], `T`, a daylight zone, or a zone and DST; false if none starts here. */
  private zone(): boolean {
    const pc = this.pc;
    const t = this.peek();
    if (t.type === 'dayZone') {
      this.next();
      pc.timeZone = t.value + 60;
      return true;
    }
    if (t.type !== 'zone' && t.type !== 'T') return false;
    this.next();
    pc.timeZone = t.type === 'T' ? 7 * 60 : t.value;
    if (this.is('snumber') && (t.type === 'T' || this.isUnit(1))) {
      pc.applyRelative(this.relunit(), 1);
    } else if (t.type === 'zone' && this.is('snumber')) {
      pc.timeZone = t.value + this.zoneOffset();
    } else if (t.type === 'zone' && this.is('dst')) {
      this.next();
      pc.timeZone = t.value + 60;
    }
    return true;
  }
}

const textInt = (t: Token): TextInt => ({ negative: t.negative, value: t.value, digits: t.digits });
