/**
 * Control characters (C0, DEL, C1) and the Unicode bidirectional overrides: a terminal acts on
 * them (ANSI escape sequences move the cursor, rewrite the title, hide text), and a line feed in
 * a name could forge a line of its own in a report.
 */
// eslint-disable-next-line no-control-regex -- finding control characters in user text is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** The same, except line feed and tab, which our own multi-line output uses. */
// eslint-disable-next-line no-control-regex -- finding control characters in user text is the point
const UNPRINTABLE_IN_OUTPUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const escape = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** `text` with every control character written as an escape (`\x1b`), so that it prints as it reads. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escape);
}

/** Output of many lines made safe for a terminal: control characters escaped, line feeds and tabs kept. */
export function printableOutput(text: string): string {
  return text.replace(UNPRINTABLE_IN_OUTPUT, escape);
}

/**
 * JSON text made safe for a terminal: `JSON.stringify` escapes C0 controls but leaves DEL, C1
 * and the bidirectional overrides as they are; they become `\u` escapes, which keeps it JSON.
 */
export function printableJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** How many characters of a value a message quotes at most. */
export const EXCERPT_LENGTH = 60;

/**
 * A value as a message quotes it: in backticks, control characters escaped, and cut after
 * {@link EXCERPT_LENGTH} characters, so that a message never carries a file's content.
 */
export function excerpt(value: string): string {
  const chars = [...value];
  if (chars.length <= EXCERPT_LENGTH) return `\`${printable(value)}\``;
  return `\`${printable(chars.slice(0, EXCERPT_LENGTH).join(''))}\`... (${chars.length} characters)`;
}
