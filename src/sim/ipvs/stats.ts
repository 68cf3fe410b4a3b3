import type { IpvsRates, IpvsStats } from '../model/snapshot.ts';

export type MutableStats = { -readonly [K in keyof IpvsStats]: IpvsStats[K] };

export const newStats = (): MutableStats => ({ conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 });

/** A packet toward the real server, counted on a server or a service (ip_vs_in_stats). */
export function countIn(s: MutableStats, bytes: number): void {
  s.inPkts++;
  s.inBytes += bytes;
}

/** A packet from the real server's side (ip_vs_out_stats). */
export function countOut(s: MutableStats, bytes: number): void {
  s.outPkts++;
  s.outBytes += bytes;
}

/** The rate estimator tick: every 2 s (ip_vs_est.c). */
export const ESTIMATOR_PERIOD_US = 2_000_000;

/**
 * ip_vs_est.c: every 2 s, rate = delta << 9 (packets, connections) or << 4 (bytes), then
 * avg += (rate − avg) >> 2; read out as (avg + 0x1FF) >> 10 and (avg + 0xF) >> 5.
 */
export class Estimator {
  private last: IpvsStats = newStats();
  private cps = 0;
  private inpps = 0;
  private outpps = 0;
  private inbps = 0;
  private outbps = 0;

  /** One 2-second tick with the counters as they are now. */
  tick(s: IpvsStats): void {
    // `((s64)rate - (s64)avg) >> 2` is an arithmetic shift: it rounds toward −∞, so a falling
    // rate decays by one more unit than a division would.
    const ewma = (avg: number, rate: number): number => avg + Math.floor((rate - avg) / 4);
    this.cps = ewma(this.cps, (s.conns - this.last.conns) * 512);
    this.inpps = ewma(this.inpps, (s.inPkts - this.last.inPkts) * 512);
    this.outpps = ewma(this.outpps, (s.outPkts - this.last.outPkts) * 512);
    this.inbps = ewma(this.inbps, (s.inBytes - this.last.inBytes) * 16);
    this.outbps = ewma(this.outbps, (s.outBytes - this.last.outBytes) * 16);
    this.last = { ...s };
  }

  /** ip_vs_read_estimator. */
  read(): IpvsRates {
    return {
      cps: Math.floor((this.cps + 0x1ff) / 1024), inPps: Math.floor((this.inpps + 0x1ff) / 1024), outPps: Math.floor((this.outpps + 0x1ff) / 1024),
      inBps: Math.floor((this.inbps + 0xf) / 32), outBps: Math.floor((this.outbps + 0xf) / 32),
    };
  }

  /** `ipvsadm -Z` zeroes the counters and the estimator. */
  reset(s: IpvsStats): void {
    this.last = { ...s };
    this.cps = this.inpps = this.outpps = this.inbps = this.outbps = 0;
  }
}
