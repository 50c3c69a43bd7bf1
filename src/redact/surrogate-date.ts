/**
 * Shifts a date written in one of the note's usual forms by a number of days and writes it back in the
 * same form (padding, month names, two-digit years): every date of a note moves by the same shift, so
 * intervals ("admitted 3/2, discharged 3/9") survive while the dates do not.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function monthIndex(name: string): number {
  const n = name.replace(/\.$/, '').toLowerCase();
  return MONTHS.findIndex((m) => m.toLowerCase().startsWith(n.slice(0, 3)));
}

function monthName(index: number, like: string): string {
  const full = MONTHS[index] ?? 'January';
  const bare = like.replace(/\.$/, '');
  if (bare.length >= full.length) {
    return full;
  }
  const short = full === 'September' && bare.length === 4 ? 'Sept' : full.slice(0, 3);
  return short + (like.endsWith('.') && short !== full ? '.' : '');
}

const pad = (n: number, like: string): string => String(n).padStart(like.length >= 2 ? 2 : 1, '0');

function year(value: string): number {
  const y = Number(value);
  return value.length === 2 ? (y < 30 ? 2000 + y : 1900 + y) : y;
}

function writeYear(y: number, like: string): string {
  return like.length === 2 ? String(y % 100).padStart(2, '0') : String(y);
}

function shifted(y: number, m: number, d: number, days: number): Date {
  const date = new Date(Date.UTC(y, m, d));
  date.setUTCDate(date.getUTCDate() + days);
  return date;
}

/**
 * The shifted date in the original's form, or undefined when the text is not a form this reads.
 * @param value - the date as written ("03/14/2019", "March 14, 2019", "2019-03-14", "March 2019")
 * @param days - the note's shift
 */
export function shiftDate(value: string, days: number): string | undefined {
  let m = /^(\d{1,2})([/-])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/.exec(value);
  if (m) {
    const [, mo = '', sep = '/', da = '', yr] = m;
    const d = shifted(yr === undefined ? 2000 : year(yr), Number(mo) - 1, Number(da), days);
    const out = `${pad(d.getUTCMonth() + 1, mo)}${sep}${pad(d.getUTCDate(), da)}`;
    return yr === undefined ? out : `${out}${sep}${writeYear(d.getUTCFullYear(), yr)}`;
  }
  m = /^(\d{4})([/-])(\d{1,2})\2(\d{1,2})$/.exec(value);
  if (m) {
    const [, yr = '', sep = '-', mo = '', da = ''] = m;
    const d = shifted(Number(yr), Number(mo) - 1, Number(da), days);
    return `${d.getUTCFullYear()}${sep}${pad(d.getUTCMonth() + 1, mo)}${sep}${pad(d.getUTCDate(), da)}`;
  }
  m = /^(\d{1,2})\/(\d{4})$/.exec(value);
  if (m) {
    const [, mo = '', yr = ''] = m;
    const d = shifted(Number(yr), Number(mo) - 1, 15, days);
    return `${pad(d.getUTCMonth() + 1, mo)}/${d.getUTCFullYear()}`;
  }
  m = /^([A-Za-z]+\.?) (\d{1,2})(st|nd|rd|th)?(,? )?(\d{4})?$/.exec(value);
  if (m && monthIndex(m[1] ?? '') >= 0) {
    const [, mon = '', da = '', ord, comma = ', ', yr] = m;
    const d = shifted(yr === undefined ? 2001 : Number(yr), monthIndex(mon), Number(da), days);
    const day = `${monthName(d.getUTCMonth(), mon)} ${d.getUTCDate()}${ordinal(d.getUTCDate(), ord)}`;
    return yr === undefined ? day : `${day}${comma}${d.getUTCFullYear()}`;
  }
  m = /^(\d{1,2})(st|nd|rd|th)? (of )?([A-Za-z]+\.?)(,? )?(\d{4})?$/.exec(value);
  if (m && monthIndex(m[4] ?? '') >= 0) {
    const [, da = '', ord, of = '', mon = '', comma = ' ', yr] = m;
    const d = shifted(yr === undefined ? 2001 : Number(yr), monthIndex(mon), Number(da), days);
    const day = `${d.getUTCDate()}${ordinal(d.getUTCDate(), ord)} ${of}${monthName(d.getUTCMonth(), mon)}`;
    return yr === undefined ? day : `${day}${comma}${d.getUTCFullYear()}`;
  }
  m = /^([A-Za-z]+\.?)(,? (?:of )?)(\d{4})$/.exec(value);
  if (m && monthIndex(m[1] ?? '') >= 0) {
    const [, mon = '', sep = ' ', yr = ''] = m;
    const d = shifted(Number(yr), monthIndex(mon), 15, days);
    return `${monthName(d.getUTCMonth(), mon)}${sep}${d.getUTCFullYear()}`;
  }
  return undefined;
}

function ordinal(day: number, like: string | undefined): string {
  if (like === undefined) {
    return '';
  }
  if (day % 100 >= 11 && day % 100 <= 13) {
    return 'th';
  }
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}
