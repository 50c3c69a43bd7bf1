import type { PhiType } from '../core/redaction-types.js';
import type { NameLists } from './name-lists.js';
import type { NameSets } from './name-finder.js';
import { shiftDate } from './surrogate-date.js';

/** Makes fake values for one note: the same original always gets the same fake. */
export interface Surrogates {
  replace(type: PhiType, original: string): string;
}

/** A small seeded generator (mulberry32 over a 32-bit hash of the seed). */
function generator(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words an address or facility keeps: they say what kind of place it is, not which. */
const KEEP =
  /^(?:St|Saint|Mt|Mount|Street|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Boulevard|Blvd|Court|Ct|Place|Pl|Way|Circle|Cir|Terrace|Parkway|Pkwy|Highway|Hwy|Trail|Apt|Apartment|Suite|Ste|Unit|Room|P|O|Box|Hospital|Hospitals|Medical|Center|Centre|Health|Healthcare|Care|System|Clinic|Clinics|Rehabilitation|Rehab|Nursing|Home|Facility|Surgery|Surgical|Cancer|Heart|Institute|Infirmary|Hospice|Group|Associates|Physicians|Family|Practice|Urgent|Manor|Memorial|General|Community|Regional|University|County|of|the|and|for|[A-Z]{2})$/;

const casedLike = (fake: string, original: string): string =>
  original.length > 1 && original === original.toUpperCase() ? fake.toUpperCase() : fake;

/**
 * Creates the fake-value maker of one note.
 * @param lists - the name lists (fake names come from their most frequent entries)
 * @param sets - the same lists as sets
 * @param seed - what the fakes are drawn from; a fresh random seed per note unless a caller fixes it
 */
export function createSurrogates(lists: NameLists, sets: NameSets, seed: string): Surrogates {
  const random = generator(seed);
  const pick = <T>(items: readonly T[], n: number): T =>
    items[Math.floor(random() * Math.min(n, items.length))] as T;
  // 30 days to about two years back: far enough to hide the date, near enough to read plausibly.
  const shiftDays = -(30 + Math.floor(random() * 700));
  const words = new Map<string, string>();
  const values = new Map<string, string>();

  const digits = (s: string): string =>
    s
      .replace(/\d/g, () => String(Math.floor(random() * 10)))
      .replace(/\p{L}/gu, (c) => {
        const l = String.fromCharCode(97 + Math.floor(random() * 26));
        return c === c.toUpperCase() ? l.toUpperCase() : l;
      });

  const nameWord = (word: string, asFirst: boolean): string => {
    const k = word.toLowerCase();
    let fake = words.get(k);
    if (fake === undefined) {
      do {
        fake =
          word.length === 1
            ? String.fromCharCode(65 + Math.floor(random() * 26))
            : pick(asFirst ? lists.first : lists.last, asFirst ? 1000 : 3000);
      } while (fake.toLowerCase() === k);
      words.set(k, fake);
    }
    return casedLike(fake, word);
  };

  const name = (original: string): string => {
    const parts = original.match(/\p{L}+(?:['’-]\p{L}+)*/gu) ?? [];
    const isFirst = (w: string, i: number): boolean =>
      (parts.length > 1 && i === 0) ||
      (parts.length === 1 && sets.first.has(w) && !sets.last.has(w));
    let i = 0;
    return original.replace(/\p{L}+(?:['’-]\p{L}+)*/gu, (w) => nameWord(w, isFirst(w, i++)));
  };

  const place = (original: string): string =>
    original
      .replace(/\d+/g, (d) => digits(d))
      .replace(/\p{L}+(?:['’-]\p{L}+)*/gu, (w) => (KEEP.test(w) ? w : nameWord(w, false)));

  const contact = (original: string): string => {
    if (original.includes('@')) {
      const local = original.slice(0, original.indexOf('@'));
      return `${local.replace(/[A-Za-z]+/g, (w) => (words.has(w.toLowerCase()) ? nameWord(w, false) : digits(w)).toLowerCase()).replace(/\d/g, () => String(Math.floor(random() * 10)))}@example.com`;
    }
    if (/^(?:https?:\/\/|www\.)/i.test(original)) {
      return `https://example.org/${digits('aaaaaa')}`;
    }
    if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(original)) {
      return `192.0.2.${String(1 + Math.floor(random() * 254))}`;
    }
    // A phone number keeps its layout, with the fictional 555 exchange.
    let seen = 0;
    const fake = digits(original);
    const exchange = (original.match(/\d/g) ?? []).length >= 10 ? 3 : 0;
    return fake.replace(/\d/g, (d) => {
      seen += 1;
      return seen > exchange && seen <= exchange + 3 ? '5' : d;
    });
  };

  const make = (type: PhiType, original: string): string => {
    switch (type) {
      case 'NAME':
        return name(original);
      case 'DATE':
        return shiftDate(original, shiftDays) ?? digits(original);
      case 'AGE':
        return '90+';
      case 'ID':
        // Social security numbers 900–999 are never issued.
        return /^\d{3}-\d{2}-\d{4}$/.test(original)
          ? `9${digits(original).slice(1)}`
          : digits(original);
      case 'CONTACT':
        return contact(original);
      case 'LOCATION':
        return place(original);
    }
  };

  return {
    replace(type, original) {
      const k = `${type}\u0000${original.toLowerCase().replace(/\s+/g, ' ')}`;
      let fake = values.get(k);
      if (fake === undefined) {
        fake = make(type, original);
        values.set(k, fake);
      }
      return fake;
    },
  };
}
