// How numbers and dates are shown: the one copy of each display helper.
// The Thai digits, the Buddhist Era offset and the month names come from the
// core (bindings.ts).
import { BE_OFFSET, THAI_DIGITS, THAI_MONTHS, THAI_MONTHS_SHORT, type Digits } from './bindings';

/** Western digits to Thai digits (numbers only; prose arrives converted from Rust). */
export function thaiDigits(s: string | number): string {
  return String(s).replace(/[0-9]/g, (d) => THAI_DIGITS.charAt(Number(d)));
}

/** A number or text in the chosen digits: Thai digits, or unchanged. */
export function num(value: string | number, digits: Digits): string {
  return digits === 'thai' ? thaiDigits(value) : String(value);
}

/** A decimal amount ("1234.5") as shown: 1,234.50 in the chosen digits. */
export function formatAmount(amount: string, digits: Digits): string {
  const n = Number(amount);
  if (!Number.isFinite(n)) return amount;
  return num(n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }), digits);
}

/** A local day as ISO (YYYY-MM-DD): what the core takes for a date. */
export function isoDate(d: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const isoParts = (iso: string): [number, number, number] | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
};

/** An instant (RFC 3339) in local time as a Thai date and time: ๒๗ พฤศจิกายน ๒๕๖๙ ๑๔:๐๕ น. */
export function thaiDateTime(at: string, digits: Digits): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = `${d.getDate()} ${THAI_MONTHS[d.getMonth()]} ${d.getFullYear() + BE_OFFSET} ${pad(d.getHours())}:${pad(d.getMinutes())} น.`;
  return num(text, digits);
}

/** An ISO date (YYYY-MM-DD) as a Thai date with the BE year: ๕ เมษายน ๒๕๖๖. */
export function thaiDate(iso: string, digits: Digits): string {
  const p = isoParts(iso);
  const month = p ? THAI_MONTHS[p[1] - 1] : undefined;
  if (!p || month === undefined) return iso;
  return num(`${p[2]} ${month} ${p[0] + BE_OFFSET}`, digits);
}

/** An ISO date as a Thai date with the month abbreviated, for a narrow
 * column: ๑๐ ม.ค. ๒๕๖๖ (the whole date, never cut). */
export function thaiDateShort(iso: string, digits: Digits): string {
  const p = isoParts(iso);
  const month = p ? THAI_MONTHS_SHORT[p[1] - 1] : undefined;
  if (!p || month === undefined) return iso;
  return num(`${p[2]} ${month} ${p[0] + BE_OFFSET}`, digits);
}

/** An ISO date (YYYY-MM-DD) as a short numeric BE date, d/m/yyyy (5/4/2566), as typed in a form. */
export function shortBeDate(iso: string, digits: Digits = 'arabic'): string {
  const p = isoParts(iso);
  if (!p) return iso;
  return num(`${p[2]}/${p[1]}/${p[0] + BE_OFFSET}`, digits);
}
