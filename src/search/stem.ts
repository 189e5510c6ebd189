// English stemmers for the keyword index: Porter's (1980) algorithm and Harman's S-stemmer.
// Which one the index uses is decided by measurement on SciFact (see bench/search.ts and docs/architecture.md).

const isVowelAt = (w: string, i: number): boolean => {
  const c = w.charCodeAt(i);
  // a e i o u are vowels; y is a vowel when it follows a consonant.
  if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117) return true;
  return c === 121 && i > 0 && !isVowelAt(w, i - 1);
};

/** Porter's measure m of w[0, end): the number of vowel-consonant sequences. */
function measure(w: string, end: number): number {
  let m = 0;
  let i = 0;
  while (i < end && !isVowelAt(w, i)) i++;
  while (i < end) {
    while (i < end && isVowelAt(w, i)) i++;
    if (i >= end) break;
    m++;
    while (i < end && !isVowelAt(w, i)) i++;
  }
  return m;
}

const hasVowel = (w: string, end: number) => {
  for (let i = 0; i < end; i++) if (isVowelAt(w, i)) return true;
  return false;
};
const doubleConsonantEnd = (w: string) =>
  w.length > 1 && w[w.length - 1] === w[w.length - 2] && !isVowelAt(w, w.length - 1);
/** cvc at the end of w[0, end), the last c not w, x or y (e.g. hop, but not snow). */
const cvcEnd = (w: string, end: number) =>
  end >= 3 &&
  !isVowelAt(w, end - 1) &&
  isVowelAt(w, end - 2) &&
  !isVowelAt(w, end - 3) &&
  !'wxy'.includes(w[end - 1]!);

/** Replaces the first matching suffix when the remaining stem's measure passes `minM`; null if none matched. */
function replaceSuffix(w: string, rules: [string, string][], minM: number): string | null {
  for (const [suffix, repl] of rules) {
    if (!w.endsWith(suffix)) continue;
    const end = w.length - suffix.length;
    return measure(w, end) > minM ? w.slice(0, end) + repl : w;
  }
  return null;
}

const step2: [string, string][] = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'],
  ['bli', 'ble'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'],
  ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'],
  ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
]; // prettier-ignore
const step3: [string, string][] = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
]; // prettier-ignore
// Longest first where suffixes overlap (ement before ment before ent).
const step4 = [
  'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou',
  'ism', 'ate', 'iti', 'ous', 'ive', 'ize',
].sort((a, b) => b.length - a.length); // prettier-ignore

/** Porter stem of a lowercase word; words with non a–z letters or shorter than 3 are returned unchanged. */
export function porterStem(word: string): string {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  // Step 1a: plurals.
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (!w.endsWith('ss') && w.endsWith('s')) w = w.slice(0, -1);
  // Step 1b: -ed, -ing.
  if (w.endsWith('eed')) {
    if (measure(w, w.length - 3) > 0) w = w.slice(0, -1);
  } else {
    const suffix = w.endsWith('ed') ? 2 : w.endsWith('ing') ? 3 : 0;
    if (suffix && hasVowel(w, w.length - suffix)) {
      w = w.slice(0, -suffix);
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
      else if (doubleConsonantEnd(w) && !'lsz'.includes(w[w.length - 1]!)) w = w.slice(0, -1);
      else if (measure(w, w.length) === 1 && cvcEnd(w, w.length)) w += 'e';
    }
  }
  // Step 1c: y -> i after a vowel somewhere in the stem.
  if (w.endsWith('y') && hasVowel(w, w.length - 1)) w = w.slice(0, -1) + 'i';
  w = replaceSuffix(w, step2, 0) ?? w;
  w = replaceSuffix(w, step3, 0) ?? w;
  // Step 4: strip a suffix when the stem keeps measure > 1.
  for (const suffix of step4) {
    if (!w.endsWith(suffix)) continue;
    const end = w.length - suffix.length;
    const ok = suffix !== 'ion' || w[end - 1] === 's' || w[end - 1] === 't';
    if (ok && measure(w, end) > 1) w = w.slice(0, end);
    break;
  }
  // Step 5: final -e and -ll.
  if (w.endsWith('e')) {
    const m = measure(w, w.length - 1);
    if (m > 1 || (m === 1 && !cvcEnd(w, w.length - 1))) w = w.slice(0, -1);
  }
  if (w.endsWith('ll') && measure(w, w.length) > 1) w = w.slice(0, -1);
  return w;
}

/** Harman's S-stemmer: only plural endings (-ies, -es, -s); conservative and cheap. */
export function sStem(word: string): string {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies'))
    return word.slice(0, -3) + 'y';
  if (word.endsWith('es') && !/[aeo]es$/.test(word)) return word.slice(0, -1);
  if (word.endsWith('s') && !/[us]s$/.test(word)) return word.slice(0, -1);
  return word;
}
