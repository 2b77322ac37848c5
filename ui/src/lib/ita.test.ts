import { describe, expect, it } from 'vitest';
import type { Answer, LinkCheck, Round, RoundSummary } from './bindings';
import {
  catalogueOf, checkWords, linkState, pickRound, roundsToAdd, score, serial, signedChange, splitDomains, ticked, withItem,
} from './ita';

const summary = (year_be: number): RoundSummary => ({ year_be, items: 26, published: 0, previous_year: null, has_scores: false, removable: true });

const check = (over: Partial<LinkCheck> = {}): LinkCheck => ({
  code: 'O1', url: 'https://www.example.go.th/o1', problems: [], online: { kind: 'not_checked' }, ok: true, ...over,
});
const answer = (over: Partial<Answer> = {}, c: Partial<LinkCheck> = {}): Answer => ({
  code: 'O1', title: 'โครงสร้าง', fiscal_year: 2569, has: true, url: 'https://www.example.go.th/o1', explanation: '',
  check: check(c), ...over,
});

const round: Round = {
  year_be: 2569,
  source: 'ตรวจทานกับคู่มือ',
  previous_year: 2566,
  findings: [],
  measures: [],
  items: [
    {
      code: 'O1', title: 'โครงสร้าง', contents: '', period: 'current', was: ['O1', 'O3'], confirmed: true,
      fiscal_year: 2569, wrong_year: false, was_titles: [],
      track: { division: 'กองกลาง', due: null, status: 'published', url: 'https://x.go.th', explanation: '', evidence_year: 2569 },
    },
    {
      code: 'O2', title: 'ผู้บริหาร', contents: 'ชื่อ', period: 'current', was: [], confirmed: false,
      fiscal_year: 2569, wrong_year: false, was_titles: [],
      track: { division: '', due: null, status: 'not_started', url: '', explanation: '', evidence_year: null },
    },
  ],
};

describe('ita', () => {
  it('offers the shipped rounds not stored, newest first', () => {
    expect(roundsToAdd([2566, 2569], [summary(2566)])).toEqual([2569]);
    expect(roundsToAdd([2566, 2569], [])).toEqual([2569, 2566]);
    expect(roundsToAdd([2566, 2569], [summary(2569), summary(2566)])).toEqual([]);
  });

  it('shows the round asked for when stored, else the newest', () => {
    expect(pickRound(2566, [summary(2569), summary(2566)])).toBe(2566);
    expect(pickRound(2570, [summary(2566), summary(2569)])).toBe(2569);
    expect(pickRound(null, [])).toBeNull();
  });

  it('signs a change of score and keeps two decimals', () => {
    expect(signedChange('1.75', 'arabic')).toBe('+1.75');
    expect(signedChange('-2.65', 'thai')).toBe('−๒.๖๕');
    expect(signedChange('0', 'arabic')).toBe('0.00');
    expect(score('100', 'thai')).toBe('๑๐๐.๐๐');
    expect(score('92.15', 'arabic')).toBe('92.15');
  });

  it('gives the catalogue without the tracker, with one item corrected', () => {
    const c = catalogueOf(round);
    expect(c.items[0]).toEqual({ code: 'O1', title: 'โครงสร้าง', contents: '', period: 'current', was: ['O1', 'O3'], confirmed: true });
    expect(Object.keys(c)).toEqual(['year_be', 'source', 'previous_year', 'items']);
    const edited = withItem(round, 'O2', { title: 'ข้อมูลผู้บริหาร', confirmed: true });
    expect(edited.items[1]).toMatchObject({ code: 'O2', title: 'ข้อมูลผู้บริหาร', confirmed: true, contents: 'ชื่อ' });
    expect(edited.items[0]).toEqual(c.items[0]);
  });

  it('reads domains typed on lines or with spaces and commas', () => {
    expect(splitDomains(' ipthailand.go.th,\nwww.dip.go.th  x.go.th ')).toEqual(['ipthailand.go.th', 'www.dip.go.th', 'x.go.th']);
    expect(splitDomains('  ')).toEqual([]);
  });

  it('says what is wrong with a URL, and what opening it did', () => {
    expect(checkWords(check(), 'th', 'thai')).toEqual([]);
    expect(checkWords(check({ problems: [{ kind: 'missing' }] }), 'th', 'thai')).toEqual(['ตอบว่า “มี” แต่ยังไม่มี URL']);
    const two = check({ problems: [{ kind: 'not_https' }, { kind: 'foreign_domain', host: 'drive.google.com' }] });
    expect(checkWords(two, 'th', 'thai')).toEqual(['ไม่ใช่ https (ITAS ต้องการ https)', 'อยู่นอกเว็บไซต์หลักของหน่วยงาน (drive.google.com)']);
    expect(checkWords(check({ online: { kind: 'failed', status: 404, reason: 'not found' } }), 'th', 'thai')).toEqual(['เปิดไม่ได้ (HTTP ๔๐๔)']);
    expect(checkWords(check({ online: { kind: 'failed', status: null, reason: 'timeout' } }), 'en', 'thai')).toEqual(['Does not open (no answer: timeout)']);
    expect(checkWords(check({ online: { kind: 'answered', status: 200 } }), 'en', 'thai')).toEqual(['Opens (HTTP 200)']);
    expect(checkWords(check({ online: { kind: 'redirected', to: 'https://x.go.th/a', status: 200 } }), 'th', 'arabic'))
      .toEqual(['เปลี่ยนเส้นทางไป https://x.go.th/a แล้วเปิดได้ (HTTP 200)']);
    expect(checkWords(check({ problems: [{ kind: 'malformed', detail: 'relative URL' }] }), 'en', 'arabic')).toEqual(['Not a valid URL (relative URL)']);
  });

  it('tells a problem (as the core judged it) from a fine URL and from an item not answered', () => {
    expect(linkState(answer())).toBe('ok');
    expect(linkState(answer({}, { problems: [{ kind: 'not_https' }], ok: false }))).toBe('problem');
    expect(linkState(answer({}, { online: { kind: 'error_page', to: 'https://x.go.th/404', status: 200 }, ok: false }))).toBe('problem');
    expect(linkState(answer({}, { online: { kind: 'redirected', to: 'https://x.go.th/a', status: 200 } }))).toBe('ok');
    expect(linkState(answer({ has: false, url: '' }, { url: '' }))).toBe('none');
    // The verdict is the core's: the UI does not judge the check again.
    expect(linkState(answer({}, { ok: false }))).toBe('problem');
    expect(linkState(answer({ has: false, url: '' }, { url: '', ok: false }))).toBe('problem');
  });

  it('ticks and unticks an indicator once', () => {
    expect(ticked(['4'], '7', true)).toEqual(['4', '7']);
    expect(ticked(['4', '7'], '7', true)).toEqual(['4', '7']);
    expect(ticked(['4', '7'], '4', false)).toEqual(['7']);
    expect(ticked([], '4', false)).toEqual([]);
  });

  it('runs saves one after another, each from what the one before left, past a failure', async () => {
    const q = serial();
    let stored = { title: 'old', period: 'current' };
    const slow = () => new Promise<void>((r) => setTimeout(r, 5));
    // Two edits in a row, each built from the stored state when it runs.
    const edits = [
      q.run(async () => { const c = { ...stored, title: 'new' }; await slow(); stored = c; }),
      q.run(async () => { throw new Error('refused'); }),
      q.run(async () => { const c = { ...stored, period: 'previous' }; await slow(); stored = c; }),
    ];
    await expect(edits[1]).rejects.toThrow('refused');
    await q.idle();
    expect(stored).toEqual({ title: 'new', period: 'previous' });
  });
});
