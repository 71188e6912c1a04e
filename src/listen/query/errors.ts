/** A listening query that does not parse: where (1-based column) and what was expected there. */
export class QueryParseError extends Error {
  readonly column: number;
  readonly expected: string;
  constructor(column: number, expected: string, detail?: string) {
    super(`column ${column}: expected ${expected}${detail === undefined ? '' : ` ${detail}`}`);
    this.name = 'QueryParseError';
    this.column = column;
    this.expected = expected;
  }
}

/** A valid query that cannot become an X filtered-stream rule. */
export class XRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XRuleError';
  }
}

/** A brand whose listening query does not parse (caught when the matcher is built). */
export class BrandQueryError extends Error {
  readonly brandId: string;
  readonly queryId: string | null;
  constructor(brandId: string, queryId: string | null, message: string, cause?: unknown) {
    super(
      queryId === null
        ? `brand "${brandId}": ${message}`
        : `brand "${brandId}", query "${queryId}": ${message}`,
      { cause },
    );
    this.name = 'BrandQueryError';
    this.brandId = brandId;
    this.queryId = queryId;
  }
}
