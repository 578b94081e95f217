// The privacy nudge in the page (feedback/privacy.py does the same on the server):
// text that looks like a phone number, e-mail address, date of birth or BSN.
// Both are tested on one list of vectors, tests/privacy_vectors.json.

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/u;
const PHONE_INTERNATIONAL = /(?<![\w+])(?:\+|00)\d[\d\s().-]{6,18}\d/gu;
const PHONE_DUTCH = /(?<![\d+])\(?0(?:[\s)/.-]{0,2}\d){9}(?!\d)/gu;
const BSN = /(?<![\d.+-])\d(?:[ .]?\d){8}(?!\d)/gu;
const MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mrt|mei|okt|january|february|march|april|june|july|august|september|october|november|december|januari|februari|maart|juni|juli|augustus";
const DATE_NUMERIC = /(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?!\d)/gu;
const DATE_ISO = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/gu;
const DATE_WORDS = new RegExp(`(?<!\\d)(\\d{1,2})\\s+(?:${MONTHS})\\.?\\s+(\\d{4})(?!\\d)`, "giu");

const digits = (text) => text.replace(/\D/gu, "");

export function isBsn(number) {
  if (!/^\d{9}$/u.test(number) || Number(number) === 0) return false;
  let total = 0;
  for (let i = 0; i < 8; i += 1) total += (9 - i) * Number(number[i]);
  return (total - Number(number[8])) % 11 === 0;
}

function isDate(year, month, day) {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function hasDate(text) {
  for (const [, d, m, y] of text.matchAll(DATE_NUMERIC)) {
    const year = Number(y) + (y.length === 2 ? 1900 : 0);
    if (isDate(year, Number(m), Number(d))) return true;
  }
  for (const [, y, m, d] of text.matchAll(DATE_ISO)) {
    if (isDate(Number(y), Number(m), Number(d))) return true;
  }
  for (const [, d] of text.matchAll(DATE_WORDS)) {
    if (Number(d) >= 1 && Number(d) <= 31) return true;
  }
  return false;
}

function hasPhone(text) {
  for (const [match] of text.matchAll(PHONE_INTERNATIONAL)) {
    const n = digits(match).length;
    if (n >= 8 && n <= 15) return true;
  }
  for (const [match] of text.matchAll(PHONE_DUTCH)) {
    if (digits(match).length === 10) return true;
  }
  return false;
}

// Phone numbers blanked, so their digits are not read as a BSN.
const withoutPhones = (text) => text.replace(PHONE_INTERNATIONAL, " ").replace(PHONE_DUTCH, " ");

export function personalDataKinds(text) {
  const found = {
    phone: hasPhone(text),
    email: EMAIL.test(text),
    date: hasDate(text),
    bsn: [...withoutPhones(text).matchAll(BSN)].some(([match]) => isBsn(digits(match))),
  };
  return ["phone", "email", "date", "bsn"].filter((kind) => found[kind]);
}
