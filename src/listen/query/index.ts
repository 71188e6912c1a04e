export type * from './ast.ts';
export { BrandMatcher, compileBrandQueries } from './brand-matcher.ts';
export { defaultQueryText } from './default-query.ts';
export { prepareDoc, type DocInput, type MatchDoc } from './doc.ts';
export { BrandQueryError, QueryParseError, XRuleError } from './errors.ts';
export { compileQuery, type CompiledQuery } from './evaluate.ts';
export { fold } from './fold.ts';
export { parseQuery } from './parser.ts';
export { toXRule, X_RULE_MAX_LENGTH, type XRuleOptions } from './x-rule.ts';
