/**
 * An error that ends a source: the file cannot be opened or read, or its header is unusable.
 * Bad content never throws; it becomes rejects. The message says what, where and how to fix.
 */
export class SourceError extends Error {
  readonly source: string;
  constructor(source: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SourceError';
    this.source = source;
  }
}
