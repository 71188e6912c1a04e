import { compile } from 'html-to-text';

/**
 * Mastodon's HTML `content` as plain text: paragraphs separated by a blank line, `<br>` as a
 * newline, links as their text only (hashtags and mentions keep their `#`/`@`), images
 * dropped, entities decoded, no line wrapping.
 */
const convert = compile({
  wordwrap: false,
  preserveNewlines: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'p', options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

export function htmlToPlainText(html: string): string {
  // Most statuses need the converter; a plain string without markup or entities does not.
  if (!html.includes('<') && !html.includes('&')) return html;
  return convert(html);
}
