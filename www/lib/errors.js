// What a thrown error says: its message, and the library's problems when it
// carries them (an InputError's `problems`: a path, the value given, what was
// expected, a hint).

/** @import { Problem } from '../../pkg/web/market_validation.js' */

/**
 * What went wrong, in words: the thrown value's `message`, or the value itself as text.
 * @param {unknown} error
 * @returns {string}
 */
export function errorMessage(error) {
  const message = error != null && typeof error === 'object' && 'message' in error ? error.message : undefined;
  return String(message ?? error);
}

/**
 * A message as a sentence: a full stop added unless it already ends with one
 * (or with "?" or "!"), so "Was it cut or edited?" never becomes "edited?.".
 * @param {string} text
 */
export function asSentence(text) {
  const t = text.trim();
  return /[.?!…]$/.test(t) ? t : `${t}.`;
}

/**
 * The library's problems a thrown value carries (`error.problems`), or undefined when it carries no list.
 * @param {unknown} error
 * @returns {Problem[] | undefined}
 */
export function errorProblems(error) {
  const problems = error != null && typeof error === 'object' && 'problems' in error ? error.problems : undefined;
  return Array.isArray(problems) ? problems : undefined;
}
