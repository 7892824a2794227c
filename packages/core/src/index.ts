export { analysisWithAnchors, analyzeSource, analyzeTolerant, analyzeTree, unparsedAnalysis, type FileAnalysis, type ParsedFile, type SyntaxErrorInfo, type TolerantAnalysis, type TreeAnalysisOptions } from './analysis.js';
export {
  clearConfigCache,
  DEFAULT_CONFIG,
  findPyproject,
  loadConfig,
  SECRET_MANAGERS,
  type FlyteSecretsConfig,
  type LoadedConfig,
  type SecretManager,
  type TargetConfig,
} from './config/config.js';
export { mayHoldFindings } from './prefilter.js';
export { analyzeModule, defaultModuleLoader, irrelevantModule, isRelevantModule, mayCallIntoProject, reachableFunctions, summarizeModule, summarizeTree, type AnalyzeOptions } from './model/analyze.js';
export type { ModuleLoader, ModuleSummary } from './model/module-loader.js';
export { IncrementalAnalysis, type IncrementalOptions } from './model/incremental.js';
export { ProjectIndex, type ModuleText, type ProjectIndexOptions } from './project/project-index.js';
export { forgetResolutions, resolveModulePath } from './project/resolve.js';
export { PYTHON_TOOL_FOLDERS, pythonModules } from './project/discovery.js';
export { projectFingerprint } from './project/fingerprint.js';
export { resolveImportedName, type Definition } from './project/definitions.js';
export type * from './project/types.js';
export type * from './model/types.js';
export { editTree, firstSyntaxError, initParser, isTreeAlive, parsePython, syntaxErrorSpans, UnparsablePythonError, withParserRecovery, type ParserInitOptions, type SyntaxEdit, type SyntaxNode, type SyntaxPoint, type SyntaxTree } from './python/parser.js';
export * from './credentials/index.js';
export { rules } from './rules/index.js';
export { allowPatterns, credentialFinding, type NoHardcodedCredentialsOptions } from './rules/no-hardcoded-credentials.js';
export { formatName, matchRead, namePart, readName, requestName, taskReads, type MatchResult, type SecretName } from './rules/secret-matching.js';
export { formatMessage, type CoreRule, type Finding, type RuleContext, type RuleMeta, type Suggestion, type TextEdit } from './rules/types.js';
export { disableFileEdit, disableLineEdit, findDirectiveComments, mayHoldDirectives, removeCommentEdit, type DirectiveComment } from './python/directives.js';
export { MAX_INDENT_LEVELS, MAX_NESTED_BRACKETS } from './python/nesting-limits.js';
export { outsideSyntaxErrors } from './model/syntax-tolerance.js';
export { DOCS_BASE, PLUGIN_NAMESPACE, qualifiedRuleId, ruleDocsUrl } from './rules/identity.js';
export { requestsOf, secretArgumentAt, secretUses, type SecretArgument, type SecretRole, type SecretUse } from './model/secret-arguments.js';
export * from './inventory/index.js';
export { runFlyteSecrets, type CommandIO } from './cli/flyte-secrets.js';
export { endPosition, lineLocator } from './text/line-locator.js';
export { definitionStart } from './python/syntax.js';
