import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../i18n/catalogs.ts';
import { translate } from '../../i18n/translate.ts';
import type { TraceRecord } from '../../sim/model/trace.ts';
import type { FlowSummary } from '../../worker/api.ts';
import { explainRecord, flowResult } from './format.ts';

const tOf = (lang: 'en' | 'zh') => (key: string, params?: Readonly<Record<string, string | number>>) => translate(CATALOGS[lang], key, params);
const curl = (error: string): FlowSummary => ({
  flowId: 1, action: { kind: 'curl', node: 'client', url: 'http://12.0.0.10/' },
  result: { kind: 'curl', ok: false, url: 'http://12.0.0.10/', error, host: '12.0.0.10', port: 80, startUs: 0, endUs: 3_000_000 } as FlowSummary['result'],
});

describe('failures in the user\'s language', () => {
  it('translates the lab\'s own failure words and keeps errno names as the kernel names them', () => {
    expect(flowResult(tOf('en'), curl('timeout'))).toBe('failed: the time limit (-m) ran out');
    expect(flowResult(tOf('zh'), curl('timeout'))).toBe('失败：超出时间限制（-m）');
    expect(flowResult(tOf('zh'), curl('ECONNREFUSED'))).toBe('失败：ECONNREFUSED');
    const record: TraceRecord = { seq: 0, timeUs: 0, node: 'client', step: 'app', explain: { key: 'app.curl.error', params: { node: 'client', error: 'timeout' } } };
    expect(explainRecord(tOf('zh'), record)).toBe('client 上的 curl 失败：超出时间限制（-m）。');
  });
});
