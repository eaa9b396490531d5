// JSON typed or pasted by a person: where it fails to parse, in words they can find.
import { errorMessage } from './errors.js';

/**
 * Where JSON.parse failed: the engine's message without its character offset
 * ("Unexpected token } in JSON at position 57" -> "Unexpected token }"), and
 * " at line L, column C" when the engine gave an offset (else empty).
 * @param {string} text what was parsed
 * @param {unknown} error what JSON.parse threw
 * @returns {{ message: string, where: string }}
 */
function jsonParseError(text, error) {
  const raw = errorMessage(error);
  const m = /position (\d+)/.exec(raw);
  let where = '';
  if (m) {
    const before = text.slice(0, Number(m[1]));
    where = ` at line ${before.split('\n').length}, column ${Number(m[1]) - before.lastIndexOf('\n')}`;
  }
  return { message: raw.replace(/ in JSON at position \d+.*$/, ''), where };
}

/**
 * Parses JSON typed by a person: its value, or where it failed (see jsonParseError).
 * @param {string} text
 * @returns {{ ok: true, value: unknown } | { ok: false, message: string, where: string }}
 */
export function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, ...jsonParseError(text, error) };
  }
}
