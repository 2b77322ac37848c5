// The ITA view's pure helpers: a URL check in words, the rounds that can be
// added, a score's change with its sign, a round's catalogue to edit, a
// measure's indicators ticked, and the queue the view's saves go through.
import type { Answer, Catalogue, Digits, Instrument, ItaItem, LinkCheck, Round, RoundSummary } from './bindings';
import { num } from './format';
import type { Lang } from './i18n';

/** How an instrument is written, in either language. */
export const INSTRUMENT_LABEL: Record<Instrument, string> = { iit: 'IIT', eit: 'EIT', oit: 'OIT' };

/** The shipped rounds not stored yet, newest first. */
export function roundsToAdd(shipped: number[], stored: RoundSummary[]): number[] {
  return shipped.filter((y) => !stored.some((r) => r.year_be === y)).sort((a, b) => b - a);
}

/** The round to show: the one asked for when stored, else the newest. */
export function pickRound(wanted: number | null, stored: RoundSummary[]): number | null {
  if (wanted !== null && stored.some((r) => r.year_be === wanted)) return wanted;
  const years = stored.map((r) => r.year_be);
  return years.length > 0 ? Math.max(...years) : null;
}

/** A change of score ("-2.65") with its sign: +1.75, −2.65, 0.00. */
export function signedChange(change: string, digits: Digits): string {
  const n = Number(change);
  if (!Number.isFinite(n)) return change;
  const text = Math.abs(n).toFixed(2);
  const sign = n > 0 ? '+' : n < 0 ? '−' : '';
  return num(`${sign}${text}`, digits);
}

/** A score as shown ("92.15"): two decimals in the chosen digits. */
export function score(value: string, digits: Digits): string {
  const n = Number(value);
  return num(Number.isFinite(n) ? n.toFixed(2) : value, digits);
}

/** The round's item list as imported, without the tracker: what
 * `set_ita_catalogue` takes to correct an item. */
export function catalogueOf(round: Round): Catalogue {
  return {
    year_be: round.year_be,
    source: round.source,
    previous_year: round.previous_year,
    items: round.items.map(({ code, title, contents, period, was, confirmed }) => ({ code, title, contents, period, was, confirmed })),
  };
}

/** The catalogue with item `code` changed by `patch`. */
export function withItem(round: Round, code: string, patch: Partial<Omit<ItaItem, 'code'>>): Catalogue {
  const c = catalogueOf(round);
  return { ...c, items: c.items.map((i) => (i.code === code ? { ...i, ...patch } : i)) };
}

/** Domains as typed: one per line, or separated by spaces or commas. */
export function splitDomains(text: string): string[] {
  return text.split(/[\s,;]+/).map((d) => d.trim()).filter((d) => d !== '');
}

/** An answer's check at a glance: a problem an advisor would find (the
 * core's verdict, `LinkCheck.ok`), fine, or nothing to check (answered
 * ไม่มี with no URL). */
export type LinkState = 'problem' | 'ok' | 'none';

export function linkState(a: Answer): LinkState {
  if (!a.check.ok) return 'problem';
  if (!a.has && a.url === '') return 'none';
  return 'ok';
}

/** A measure's indicators with `indicator` ticked or unticked. */
export function ticked(indicators: string[], indicator: string, on: boolean): string[] {
  const rest = indicators.filter((i) => i !== indicator);
  return on ? [...rest, indicator] : rest;
}

/** Runs jobs one after another, each once the one before is done (a job
 * that fails does not stop the next); `idle` resolves when all are done. */
export function serial(): { run: (job: () => Promise<void>) => Promise<void>; idle: () => Promise<void> } {
  let tail: Promise<void> = Promise.resolve();
  return {
    run(job) {
      const done = tail.then(job);
      tail = done.catch(() => undefined);
      return done;
    },
    idle: () => tail,
  };
}

interface LinkWords {
  missing: string;
  malformed: (detail: string) => string;
  notHttps: string;
  foreign: (host: string) => string;
  answered: (status: string) => string;
  redirected: (to: string, status: string) => string;
  errorPage: (to: string, status: string) => string;
  failed: (status: string) => string;
  noAnswer: (reason: string) => string;
}

const linkWords: Record<Lang, LinkWords> = {
  th: {
    missing: 'ตอบว่า “มี” แต่ยังไม่มี URL',
    malformed: () => 'URL ไม่ถูกรูปแบบ',
    notHttps: 'ไม่ใช่ https (ITAS ต้องการ https)',
    foreign: (host) => `อยู่นอกเว็บไซต์หลักของหน่วยงาน (${host})`,
    answered: (status) => `เปิดได้ (HTTP ${status})`,
    redirected: (to, status) => `เปลี่ยนเส้นทางไป ${to} แล้วเปิดได้ (HTTP ${status})`,
    errorPage: (to) => `เปลี่ยนเส้นทางไปหน้าข้อผิดพลาดหรือเว็บไซต์อื่น ${to}`,
    failed: (status) => `เปิดไม่ได้ (HTTP ${status})`,
    noAnswer: () => 'เปิดไม่ได้ (ไม่มีการตอบกลับ)',
  },
  en: {
    missing: 'Answered “yes” with no URL',
    malformed: (detail) => `Not a valid URL (${detail})`,
    notHttps: 'Not https (ITAS asks for https)',
    foreign: (host) => `Not on the organization's website (${host})`,
    answered: (status) => `Opens (HTTP ${status})`,
    redirected: (to, status) => `Redirects to ${to}, which opens (HTTP ${status})`,
    errorPage: (to) => `Redirects to an error page or another site: ${to}`,
    failed: (status) => `Does not open (HTTP ${status})`,
    noAnswer: (reason) => `Does not open (no answer${reason ? `: ${reason}` : ''})`,
  },
};

/** A URL check in words, problems first, then what opening it did (nothing
 * when it was not opened). */
export function checkWords(check: LinkCheck, lang: Lang, digits: Digits): string[] {
  const w = linkWords[lang];
  const n = (v: number) => (lang === 'th' ? num(v, digits) : String(v));
  const said = check.problems.map((p) => {
    switch (p.kind) {
      case 'missing': return w.missing;
      case 'malformed': return w.malformed(p.detail);
      case 'not_https': return w.notHttps;
      case 'foreign_domain': return w.foreign(p.host);
    }
  });
  const o = check.online;
  switch (o.kind) {
    case 'not_checked': break;
    case 'answered': said.push(w.answered(n(o.status))); break;
    case 'redirected': said.push(w.redirected(o.to, n(o.status))); break;
    case 'error_page': said.push(w.errorPage(o.to, n(o.status))); break;
    case 'failed': said.push(o.status === null ? w.noAnswer(o.reason) : w.failed(n(o.status))); break;
  }
  return said;
}
