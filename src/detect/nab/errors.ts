/**
 * Bad NAB input (a missing file, a malformed row, labels that do not fit the data): the message
 * names the file, the line when there is one, and how to fix it. The CLI shows it as it is.
 */
export class NabDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NabDataError';
  }
}
